// The whole HTTP application: read-only and token guards, the API, the pages, and errors as
// orchestrator-core's `{"detail": …}` bodies.
import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { type ApiOptions, createApi } from "./api-routes.ts";
import { ServeError } from "./serve-errors.ts";
import { loadStaticPages } from "./static-pages.ts";

export interface AppOptions extends ApiOptions {
  /** When set, every /api request needs `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

/** The pages hold no data, so they stay public; the data behind them is what the token guards. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The lists live at `/api/products/` and so on, as in orchestrator-core, which redirects the form
 * without the slash; the seed runs `curl …/api/products | jq`, and curl does not follow redirects
 * unasked, so both forms are served directly.
 */
const LIST_WITHOUT_SLASH =
  /^\/api\/(products|product_blocks|resource_types|workflows|product_block_relations)$/;

function routingPath(request: Request): string {
  const path = new URL(request.url).pathname;
  return LIST_WITHOUT_SLASH.test(path) ? `${path}/` : path;
}

export function createApp(options: AppOptions): Hono {
  const app = new Hono({ getPath: routingPath });
  const pages = loadStaticPages();

  app.use("*", async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD")
      return c.json({ detail: "Method Not Allowed: this server is read-only" }, 405, { Allow: "GET, HEAD" });
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    return undefined;
  });

  if (options.token !== undefined) {
    const expected = Buffer.from(`Bearer ${options.token}`);
    app.use("/api/*", async (c, next) => {
      const given = Buffer.from(c.req.header("Authorization") ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return c.json({ detail: "Not authenticated: send Authorization: Bearer <token>" }, 401, {
          "WWW-Authenticate": "Bearer",
        });
      await next();
      return undefined;
    });
  }

  app.route("/", createApi(options));

  app.get("*", (c) => {
    const page = pages.get(c.req.path);
    if (!page) return c.json({ detail: "Not Found" }, 404);
    return c.body(page.body, 200, {
      "Content-Type": page.contentType,
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "Cache-Control": "no-cache",
    });
  });

  app.onError((error, c) => {
    if (error instanceof ServeError) return c.json({ detail: error.message }, 503);
    process.stderr.write(`orchestrator serve: ${error.stack ?? error.message}\n`);
    return c.json({ detail: "Internal Server Error" }, 500);
  });
  return app;
}
