// How the long-lived loader's thread hands a model to the thread that asked for it, a save at a time.
// A large model is megabytes of JSON, and most of it is the same after a save (one block file changed).
// So the model goes over in parts (each block, each product type, the products), each part numbered:
// the loader's thread sends the text of a part only the first time, and afterwards its number; the
// receiving side parses new parts only, and reuses the objects of the others. Both sides forget parts
// that the last model no longer has.
import type {
  DomainModel,
  ModelBlock,
  ModelProduct,
  ModelProductType,
  SourceLocation,
} from "./domain-model.ts";

export interface EncodedModel {
  /** Part numbers in model order. */
  blocks: number[];
  productTypes: number[];
  products: number;
  /** The JSON text of each part the receiver has not seen yet. */
  added: Record<number, string>;
  registryLocation: SourceLocation;
}

/** The loader thread's side: what it has sent. */
export class ModelEncoder {
  #numbers = new Map<string, number>();
  #next = 0;

  encode(model: DomainModel): EncodedModel {
    const added: Record<number, string> = {};
    const numbers = new Map<string, number>();
    const number = (part: unknown): number => {
      const text = JSON.stringify(part);
      let assigned = numbers.get(text) ?? this.#numbers.get(text);
      if (assigned === undefined) {
        assigned = this.#next++;
        added[assigned] = text;
      }
      numbers.set(text, assigned);
      return assigned;
    };
    const encoded: EncodedModel = {
      blocks: model.blocks.map(number),
      productTypes: Object.values(model.productTypes).map(number),
      products: number(model.products),
      added,
      registryLocation: model.registryLocation,
    };
    this.#numbers = numbers;
    return encoded;
  }
}

/**
 * The receiving side: the parts it has seen. Blocks and product types that did not change since the
 * previous model are the same objects in the next one, so models must be treated as read-only.
 */
export class ModelDecoder {
  #parts = new Map<number, unknown>();

  decode(encoded: EncodedModel): DomainModel {
    const parts = new Map<number, unknown>();
    const part = <T>(number: number): T => {
      let value = parts.get(number) ?? this.#parts.get(number);
      if (value === undefined) {
        const text = encoded.added[number];
        if (text === undefined)
          throw new Error(`the model loader's thread referred to unknown part ${number}`);
        value = JSON.parse(text);
      }
      parts.set(number, value);
      return value as T;
    };
    const model: DomainModel = {
      products: part<ModelProduct[]>(encoded.products),
      productTypes: Object.fromEntries(
        encoded.productTypes.map((n) => part<ModelProductType>(n)).map((type) => [type.name, type]),
      ),
      blocks: encoded.blocks.map((n) => part<ModelBlock>(n)),
      registryLocation: encoded.registryLocation,
    };
    this.#parts = parts;
    return model;
  }
}
