// Bundles a module's front-end entry points with esbuild:
//   node scripts/frontend/build.mjs --outdir <folder> <entry.js|entry.css>...
// Each entry becomes <folder>/<entry name>.js (or .css), minified, with the packages of the root package.json.
// The packages are installed by `npm ci` first when node_modules is missing or older than package-lock.json.
// Called by the BuildFrontEnd target (Directory.Build.targets); several projects may build at once, so the
// install runs under a lock and only once.
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const outIndex = args.indexOf("--outdir");
if (outIndex < 0 || !args[outIndex + 1]) fail("usage: build.mjs --outdir <folder> <entry>...");
const outdir = resolve(args[outIndex + 1]);
const entries = args.filter((_, i) => i !== outIndex && i !== outIndex + 1).map(e => resolve(e));
if (entries.length === 0) fail("no entry points given");
for (const entry of entries) if (!existsSync(entry)) fail(`entry point not found: ${entry}`);

await ensurePackages();
const esbuild = await import(join(root, "node_modules", "esbuild", "lib", "main.js"));
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  entryPoints: entries,
  outdir,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  nodePaths: [join(root, "node_modules")],
  logLevel: "warning",
}).catch(() => fail("esbuild failed (see above)"));
if (result.errors.length > 0) fail("esbuild failed");
console.log(`front-end: ${entries.length} entr${entries.length === 1 ? "y" : "ies"} -> ${outdir}`);

async function ensurePackages() {
  const lock = join(root, "package-lock.json");
  const stamp = join(root, "node_modules", ".portal-lock-hash");
  const hash = createHash("sha256").update(readFileSync(lock)).digest("hex");
  const current = () => existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
  if (current()) return;
  const lockDir = join(root, "node_modules.lock");
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // A lock older than ten minutes was left by an install that died.
      if (Date.now() - statSync(lockDir).mtimeMs > 600_000) rmSync(lockDir, { recursive: true, force: true });
      else if (waited > 900_000) fail("timed out waiting for another npm ci to finish");
      await new Promise(r => setTimeout(r, 500));
    }
  }
  try {
    if (current()) return;
    console.log("front-end: npm ci");
    execSync("npm ci --ignore-scripts --no-audit --no-fund", { cwd: root, stdio: "inherit" });
    writeFileSync(stamp, hash);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function fail(message) {
  console.error(`front-end build: ${message}`);
  process.exit(1);
}
