//! IndexedDB for real, in headless Chromium: what the app writes survives closing and
//! reopening the database.

#![cfg(target_arch = "wasm32")]

use liandong::store::Store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(test: &str) -> String {
    format!("liandong-test-{test}-{}", js_sys::Math::random())
}

#[wasm_bindgen_test]
async fn a_setting_survives_closing_and_reopening_the_database() {
    let name = unique_name("settings");
    let store = Store::open_named(&name).await.expect("open");
    assert_eq!(store.get_setting("officer").await.expect("read"), None);
    store.put_setting("officer", "得胜派出所 张伟").await.expect("write");
    store.close();

    let reopened = Store::open_named(&name).await.expect("reopen");
    assert_eq!(reopened.get_setting("officer").await.expect("read").as_deref(), Some("得胜派出所 张伟"));
    reopened.close();
}
