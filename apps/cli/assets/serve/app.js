// The metadata pages: four tabs over the read-only API, each a table with search, sortable columns and
// rows that expand to the full record. Data only ever reaches the page through textContent.

// A token given as #token=… (never sent to the server in the URL) is kept for this tab's requests.
const hashToken = new URLSearchParams(location.hash.slice(1)).get("token");
if (hashToken) {
  sessionStorage.setItem("orchestrator-token", hashToken);
  history.replaceState(null, "", location.pathname);
}
const token = sessionStorage.getItem("orchestrator-token");

async function api(path) {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = await response.json().catch(() => ({ detail: response.statusText }));
  if (!response.ok)
    throw new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
  return body;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const badges = (labels) => labels.map((label) => el("span", { class: "badge" }, label));
/** Badges in an expanded record, where an empty list says so rather than leaving a gap. */
const badgesOrNone = (labels) => (labels.length ? badges(labels) : "none");
const date = (seconds) =>
  seconds === null ? "" : new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ");
const field = (pairs) =>
  el(
    "dl",
    {},
    pairs.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]),
  );

/** The block tree under each root block, following depends-on links (cycles cut). */
function blockTree(blockId, context, seen = new Set()) {
  const block = context.blocksById.get(blockId);
  const name = block ? block.name : blockId;
  if (seen.has(blockId)) return el("li", {}, `${name} (cycle)`);
  const children = (context.dependsOn.get(blockId) || []).map((id) =>
    blockTree(id, context, new Set([...seen, blockId])),
  );
  return el("li", {}, name, children.length ? el("ul", { class: "tree" }, children) : null);
}

/** Every path from a root block down, as "A → B → C": the tree in one line per branch. */
function blockPaths(blockId, context, prefix = []) {
  const name = context.blocksById.get(blockId)?.name ?? blockId;
  if (prefix.includes(name)) return [];
  const path = [...prefix, name];
  const children = context.dependsOn.get(blockId) || [];
  if (children.length === 0) return path.length > 1 ? [path.join(" → ")] : [];
  return children.flatMap((id) => blockPaths(id, context, path));
}

const TABS = {
  products: {
    caption: "Products",
    items: (d) => d.products,
    key: (p) => p.product_id,
    columns: [
      ["Name", (p) => p.name],
      ["Description", (p) => p.description],
      ["Tag", (p) => p.tag],
      ["Product type", (p) => p.product_type],
      ["Status", (p) => p.status],
      ["Fixed inputs", (p) => p.fixed_inputs.map((fi) => `${fi.name}: ${fi.value}`), badges],
      ["Product blocks", (p) => p.product_blocks.map((b) => b.name), badges],
      ["Created", (p) => p.created_at, date],
    ],
    detail: (p, context) => {
      const roots = p.product_blocks.map((b) => b.product_block_id);
      const paths = roots.flatMap((id) => blockPaths(id, context));
      return [
        field([
          ["Product id", p.product_id],
          [
            "Fixed inputs",
            p.fixed_inputs.length ? badges(p.fixed_inputs.map((fi) => `${fi.name}: ${fi.value}`)) : "none",
          ],
          [
            "Block tree",
            roots.length
              ? el(
                  "ul",
                  { class: "tree" },
                  roots.map((id) => blockTree(id, context)),
                )
              : "none",
          ],
          [
            "Block paths",
            paths.length
              ? el(
                  "ul",
                  { class: "tree" },
                  paths.map((line) => el("li", {}, line)),
                )
              : "none",
          ],
          [
            "Workflows",
            p.workflows.length ? badges(p.workflows.map((w) => `${w.name} (${w.target})`)) : "none",
          ],
          ["End date", p.end_date === null ? "none" : date(p.end_date)],
        ]),
      ];
    },
  },
  "product-blocks": {
    caption: "Product blocks",
    items: (d) => d.blocks,
    key: (b) => b.product_block_id,
    columns: [
      ["Name", (b) => b.name],
      ["Description", (b) => b.description],
      ["Tag", (b) => b.tag ?? ""],
      ["Status", (b) => b.status ?? ""],
      ["Resource types", (b) => (b.resource_types || []).map((rt) => rt.resource_type), badges],
      ["Depends on", (b, c) => c.names(c.dependsOn.get(b.product_block_id)), badges],
      ["Created", (b) => b.created_at, date],
    ],
    detail: (b, context) => [
      field([
        ["Product block id", b.product_block_id],
        ["Depends on", badgesOrNone(context.names(context.dependsOn.get(b.product_block_id)))],
        ["In use by", badgesOrNone(context.names(context.inUseBy.get(b.product_block_id)))],
        [
          "Used in products",
          badges(
            context.products
              .filter((p) => p.product_blocks.some((x) => x.product_block_id === b.product_block_id))
              .map((p) => p.name),
          ),
        ],
        [
          "Resource types",
          badges(
            (b.resource_types || []).map(
              (rt) => `${rt.resource_type}${rt.description ? ` — ${rt.description}` : ""}`,
            ),
          ),
        ],
      ]),
    ],
  },
  "resource-types": {
    caption: "Resource types",
    items: (d) => d.resourceTypes,
    key: (rt) => rt.resource_type_id,
    columns: [
      ["Resource type", (rt) => rt.resource_type],
      ["Description", (rt) => rt.description ?? ""],
      [
        "Used in product blocks",
        (rt, c) =>
          c.blocks
            .filter((b) => (b.resource_types || []).some((x) => x.resource_type_id === rt.resource_type_id))
            .map((b) => b.name),
        badges,
      ],
    ],
    detail: (rt) => [field([["Resource type id", rt.resource_type_id]])],
  },
  workflows: {
    caption: "Workflows",
    items: (d) => d.workflows,
    key: (w) => w.workflow_id,
    columns: [
      ["Name", (w) => w.name],
      ["Description", (w) => w.description ?? ""],
      ["Target", (w) => w.target],
      [
        "Product tags",
        (w, c) => [
          ...new Set(
            c.products
              .filter((p) => p.workflows.some((x) => x.workflow_id === w.workflow_id))
              .map((p) => p.tag),
          ),
        ],
        badges,
      ],
      ["Created", (w) => w.created_at, date],
    ],
    detail: (w) => [
      field([
        ["Workflow id", w.workflow_id],
        ["Is task", String(w.is_task)],
      ]),
    ],
  },
};

const state = {};

function renderTab(id, context) {
  const tab = TABS[id];
  const panel = document.getElementById(`panel-${id}`);
  if (!state[id]) state[id] = { query: "", sort: 0, direction: 1, open: new Set() };
  const view = state[id];
  const search = el("input", {
    type: "search",
    class: "search",
    placeholder: `Search ${tab.caption.toLowerCase()}`,
    "aria-label": `Search ${tab.caption.toLowerCase()}`,
    value: view.query,
  });
  const table = el("table");
  const draw = () => {
    const text = (item) =>
      tab.columns
        .map(([, value]) => [].concat(value(item, context)).join(" "))
        .join(" ")
        .toLowerCase();
    const rows = tab.items(context).filter((item) => text(item).includes(view.query.toLowerCase()));
    const sortValue = (item) => [].concat(tab.columns[view.sort][1](item, context)).join(", ");
    rows.sort((a, b) => {
      const x = sortValue(a),
        y = sortValue(b);
      return (
        (typeof x === "number" && typeof y === "number"
          ? x - y
          : String(x).localeCompare(String(y), undefined, { numeric: true })) * view.direction
      );
    });
    const head = el(
      "tr",
      {},
      tab.columns.map(([label], index) => {
        const button = el("button", { type: "button" }, label);
        button.addEventListener("click", () => {
          view.direction = view.sort === index ? -view.direction : 1;
          view.sort = index;
          draw();
          table.querySelectorAll("th button")[index].focus();
        });
        const sort = view.sort === index ? (view.direction === 1 ? "ascending" : "descending") : "none";
        return el("th", { scope: "col", "aria-sort": sort }, button);
      }),
    );
    const body = el("tbody");
    for (const item of rows) {
      const key = tab.key(item);
      const cells = tab.columns.map(([, value, render], index) => {
        const raw = value(item, context);
        const shown = render ? render(raw) : raw;
        if (index > 0) return el("td", {}, shown);
        // The marker is decoration: aria-expanded already tells assistive technology the state.
        const marker = el("span", { class: "marker", "aria-hidden": "true" });
        const toggle = el(
          "button",
          { type: "button", "aria-expanded": String(view.open.has(key)) },
          marker,
          shown,
        );
        toggle.addEventListener("click", () => {
          view.open.has(key) ? view.open.delete(key) : view.open.add(key);
          draw();
        });
        return el("th", { scope: "row", class: "name" }, toggle);
      });
      body.append(el("tr", { "data-key": key }, cells));
      if (view.open.has(key)) {
        body.append(
          el(
            "tr",
            { class: "detail" },
            el(
              "td",
              { colspan: String(tab.columns.length) },
              tab.detail(item, context),
              el(
                "details",
                {},
                el("summary", {}, "Full record (JSON)"),
                el("pre", {}, JSON.stringify(item, null, 2)),
              ),
            ),
          ),
        );
      }
    }
    table.replaceChildren(
      el("caption", {}, `${tab.caption}: ${rows.length} of ${tab.items(context).length}`),
      el("thead", {}, head),
      body,
    );
  };
  search.addEventListener("input", () => {
    view.query = search.value;
    draw();
  });
  draw();
  panel.replaceChildren(search, table);
}

function renderStatus(status) {
  const section = document.getElementById("status");
  section.className = status.verdict === "agree" ? "agree" : status.verdict === "no-project" ? "" : "differs";
  const differences = status.differences.map((d) => {
    const where = `${d.location.file}:${d.location.line}:${d.location.column}`;
    return el(
      "li",
      {},
      `${d.summary} — `,
      el("a", { href: `vscode://file${d.location.file.startsWith("/") ? "" : "/"}${where}` }, where),
    );
  });
  const lines = [
    el("p", {}, el("strong", {}, "Database: "), `${status.database} (${status.databaseKind})`),
    el(
      "p",
      {},
      el("strong", {}, "Migrations applied: "),
      status.applied.length ? status.applied.join(", ") : "none",
      status.pending.length ? ` · pending: ${status.pending.join(", ")}` : "",
    ),
    el("p", { id: "check" }, status.message),
  ];
  if (differences.length)
    lines.push(el("ul", { "aria-label": "Differences between the models and the database" }, differences));
  section.replaceChildren(...lines);
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    tab.focus();
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length]);
    });
  });
}

async function load() {
  setUpTabs();
  const error = document.getElementById("error");
  try {
    const [products, blocks, resourceTypes, workflows, relations, status] = await Promise.all(
      [
        "/api/products/",
        "/api/product_blocks/",
        "/api/resource_types/",
        "/api/workflows/",
        "/api/product_block_relations/",
        "/api/status",
      ].map(api),
    );
    const blocksById = new Map(blocks.map((b) => [b.product_block_id, b]));
    const dependsOn = new Map();
    const inUseBy = new Map();
    for (const r of relations) {
      dependsOn.set(r.in_use_by_id, [...(dependsOn.get(r.in_use_by_id) || []), r.depends_on_id]);
      inUseBy.set(r.depends_on_id, [...(inUseBy.get(r.depends_on_id) || []), r.in_use_by_id]);
    }
    const names = (ids) => (ids || []).map((id) => blocksById.get(id)?.name ?? id).sort();
    const context = { products, blocks, resourceTypes, workflows, blocksById, dependsOn, inUseBy, names };
    renderStatus(status);
    for (const id of Object.keys(TABS)) renderTab(id, context);
    document.body.dataset.loaded = "true";
  } catch (problem) {
    error.hidden = false;
    error.textContent = `Could not load the metadata: ${problem.message}`;
    document.getElementById("status").replaceChildren(el("p", {}, "The database could not be read."));
    document.body.dataset.loaded = "error";
  }
}

load();
