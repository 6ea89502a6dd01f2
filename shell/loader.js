// Trunk's initializer for the Wasm (`data-initializer` in index.html): passes the download's
// progress to the inline loader of index.html (`window.liandongBoot`), removes it once the
// app has mounted, and shows its "failed, retry" state if the Wasm cannot be loaded.
// Trunk counts decompressed bytes (its `total` is the Wasm's size before wasm-opt, so it is
// not used); the loader scales them to the bytes on the wire with the sizes stamped into it.
export default function initializer() {
  const boot = () => window.liandongBoot;
  return {
    onProgress: ({ current }) => boot()?.progress(current),
    onSuccess: () => boot()?.done(),
    onFailure: () => boot()?.fail(),
  };
}
