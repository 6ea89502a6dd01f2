//! Photos (of bulletins, of officers for the disclosure card) are resized and compressed on
//! the device before they are stored: a phone photo
//! of several megabytes becomes a JPEG of at most ~200 KiB (longest side 1280, 1024 or 800
//! pixels, quality 0.7 to 0.5, whichever first fits), because every byte travels over
//! rural links to every device of the region.

use js_sys::{Promise, Uint8Array};
use liandong_core::bulletins::PhotoDraft;
use liandong_core::bulletins::draft::MAX_PHOTO_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

/// Steps tried in order: (longest side in pixels, JPEG quality).
const STEPS: [(f64, f64); 3] = [(1280.0, 0.7), (1024.0, 0.6), (800.0, 0.5)];

fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok()?.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Resizes and compresses `file`. The result may still exceed [`MAX_PHOTO_BYTES`] for an
/// extraordinary image; the form's check then says so.
pub async fn compress(file: &File) -> Result<PhotoDraft, String> {
    let window = web_sys::window().ok_or("no window")?;
    let bitmap: ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).map_err(js_error)?)
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    let document = window.document().ok_or("no document")?;
    let mut last = Vec::new();
    for (side, quality) in STEPS {
        let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
        let scale = (side / w.max(h)).min(1.0);
        let canvas: HtmlCanvasElement =
            document.create_element("canvas").map_err(js_error)?.dyn_into().map_err(|_| "no canvas".to_string())?;
        canvas.set_width((w * scale).round().max(1.0) as u32);
        canvas.set_height((h * scale).round().max(1.0) as u32);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .map_err(js_error)?
            .ok_or("no 2d context")?
            .dyn_into()
            .map_err(|_| "no 2d context".to_string())?;
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(
            &bitmap,
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .map_err(js_error)?;
        let blob = to_blob(&canvas, quality).await?;
        let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_error)?;
        last = Uint8Array::new(&buffer).to_vec();
        if last.len() <= MAX_PHOTO_BYTES {
            break;
        }
    }
    bitmap.close();
    Ok(PhotoDraft { mime: "image/jpeg".into(), bytes: last })
}

async fn to_blob(canvas: &HtmlCanvasElement, quality: f64) -> Result<Blob, String> {
    let canvas = canvas.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(e) =
            canvas.to_blob_with_type_and_encoder_options(callback.unchecked_ref(), "image/jpeg", &quality.into())
        {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = JsFuture::from(promise).await.map_err(js_error)?;
    blob.dyn_into::<Blob>().map_err(|_| "the browser could not encode the photo".into())
}
