// Patches the module loader that wasm-split-cli writes (__wasm_split.js; scripts/split-wasm.sh
// runs this on it): a lazy route's module that cannot be fetched (the device went offline
// before the service worker stored the whole build) is tried again every 3 s and as soon
// as the browser is back online, instead of failing: Leptos' lazy routes treat a failed
// load as a panic, which aborts the whole Wasm. While it waits the page is told
// (`liandong-module-waiting` on window; `liandong-module-loaded` once it came), and the app
// says so (src/components/module_waiting.rs). Fails loudly when the generated code no
// longer has the shape patched here (wasm_split_cli_support 0.2.4).
// Usage: node scripts/patch-split-loader.mjs FILE
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/patch-split-loader.mjs FILE');
const before = readFileSync(file, 'utf8');
const call = '            await callee();\n';
if (before.split(call).length !== 2) throw new Error(`${file}: expected one "await callee();" in wrapAsyncCb (wasm-split-cli changed?)`);
const retrying = `// Liandong: retried until it loads (scripts/patch-split-loader.mjs).
async function retrying(callee) {
    for (let waiting = false; ; waiting = true) {
        try {
            await callee();
            if (waiting) dispatchEvent(new CustomEvent('liandong-module-loaded'));
            return;
        } catch (e) {
            if (!waiting) dispatchEvent(new CustomEvent('liandong-module-waiting'));
            await new Promise((resolve) => {
                setTimeout(resolve, 3000);
                addEventListener('online', resolve, { once: true });
            });
        }
    }
}
`;
const after = before.replace(call, '            await retrying(callee);\n').replace('function wrapAsyncCb(', `${retrying}function wrapAsyncCb(`);
writeFileSync(file, after);
console.log(`[split] ${file}: a module that cannot be fetched is retried until it loads`);
