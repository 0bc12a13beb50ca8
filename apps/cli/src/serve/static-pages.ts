// The metadata pages' files, read once from the package's assets/serve folder and served from memory
// by exact name: no path from a request ever reaches the file system.
import { readFileSync } from "node:fs";

const ASSETS = new URL("../../assets/serve/", import.meta.url);

const FILES: Record<string, string> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/app.css": "app.css",
  "/favicon.svg": "favicon.svg",
};

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

export interface StaticFile {
  body: string;
  contentType: string;
}

export function loadStaticPages(): Map<string, StaticFile> {
  const pages = new Map<string, StaticFile>();
  for (const [path, file] of Object.entries(FILES)) {
    const extension = file.slice(file.lastIndexOf(".") + 1);
    pages.set(path, { body: readFileSync(new URL(file, ASSETS), "utf8"), contentType: TYPES[extension]! });
  }
  return pages;
}
