//! Entry point of the Wasm app: installs the panic hook, applies the remembered interface
//! language and mounts [`liandong::app::App`].

fn main() {
    console_error_panic_hook::set_once();
    liandong::prefs::seed_i18n_cookie();
    leptos::mount::mount_to_body(liandong::app::App);
}
