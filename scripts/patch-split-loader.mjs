// Patches the module loader that wasm-split-cli writes (__wasm_split.js; scripts/split-wasm.sh
// runs this on it): a lazy route's module that cannot be fetched (the device went offline
// before the service worker stored the whole build) is tried again after 3 s (then 6, 12…
// up to 60 s) and as soon as the browser is back online, instead of failing: Leptos' lazy
// routes treat a failed load as a panic, which aborts the whole Wasm. The page is told on
// window: `liandong-module-loading` when loads start, `liandong-module-waiting` once one
// failed, and when none is left `liandong-module-loaded`, or `liandong-module-arrived` if
// some had to wait; the app shows it (src/components/module_waiting.rs). Fails loudly when
// the generated code no longer has the shape patched here (wasm_split_cli_support 0.2.4).
// Usage: node scripts/patch-split-loader.mjs FILE
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/patch-split-loader.mjs FILE');
const before = readFileSync(file, 'utf8');
const call = '            await callee();\n';
if (before.split(call).length !== 2) throw new Error(`${file}: expected one "await callee();" in wrapAsyncCb (wasm-split-cli changed?)`);
const retrying = `// Liandong: retried until it loads (scripts/patch-split-loader.mjs).
let liandongLoading = 0;
let liandongWaited = false;
const liandongSay = (name) => dispatchEvent(new CustomEvent(name));
async function retrying(callee) {
    if (liandongLoading++ === 0) liandongSay('liandong-module-loading');
    try {
        for (let delay = 3000; ; delay = Math.min(delay * 2, 60000)) {
            try {
                await callee();
                return;
            } catch (e) {
                if (!liandongWaited) { liandongWaited = true; liandongSay('liandong-module-waiting'); }
                await new Promise((resolve) => {
                    setTimeout(resolve, delay);
                    addEventListener('online', resolve, { once: true });
                });
            }
        }
    } finally {
        if (--liandongLoading === 0) {
            liandongSay(liandongWaited ? 'liandong-module-arrived' : 'liandong-module-loaded');
            liandongWaited = false;
        }
    }
}
`;
const after = before.replace(call, '            await retrying(callee);\n').replace('function wrapAsyncCb(', `${retrying}function wrapAsyncCb(`);
writeFileSync(file, after);
console.log(`[split] ${file}: a module that cannot be fetched is retried until it loads`);
