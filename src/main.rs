//! Entry point of the Wasm app: installs the panic hook and mounts [`liandong::app::App`].

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(liandong::app::App);
}
