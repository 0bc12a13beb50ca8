// How the long-lived loader's thread hands a model to the thread that asked for it, a save at a time.
// A large model is megabytes of JSON, and most of it is the same after a save (one block file changed).
// So the model goes over in parts (each block, each product type, the products), each part numbered:
// the loader's thread sends the text of a part only the first time, and afterwards its number; the
// receiving side parses new parts only, and reuses the objects of the others. The receiver forgets parts
// that the last model no longer has, and the sender sends such a part's text again if it comes back.
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

/**
 * The loader thread's side: what it has sent. Parts are known by identity: with model objects reused
 * (normalize-registry.ts), a block whose definition did not change is the same object after a save.
 */
export class ModelEncoder {
  readonly #numbers = new WeakMap<object, number>();
  /** The parts of the last model sent: what the receiver holds. */
  #sent = new Set<number>();
  #next = 0;

  encode(model: DomainModel): EncodedModel {
    const added: Record<number, string> = {};
    const live = new Set<number>();
    const number = (part: object): number => {
      let assigned = this.#numbers.get(part);
      if (assigned === undefined) {
        assigned = this.#next++;
        this.#numbers.set(part, assigned);
      }
      if (!this.#sent.has(assigned) && !live.has(assigned)) added[assigned] = JSON.stringify(part);
      live.add(assigned);
      return assigned;
    };
    const encoded: EncodedModel = {
      blocks: model.blocks.map(number),
      productTypes: Object.values(model.productTypes).map(number),
      products: number(model.products),
      added,
      registryLocation: model.registryLocation,
    };
    this.#sent = live;
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
