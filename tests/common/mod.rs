//! What the integration tests share: where the shared data lives.

use std::path::{Path, PathBuf};

/// The shared data folder: `$ARTICLE_ANALYZER_SHARED`, else `../shared` beside the checkout.
pub fn shared(relative: &str) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("ARTICLE_ANALYZER_SHARED").map(PathBuf::from),
        Some(manifest.join("../shared")),
        Some(PathBuf::from("/work/shared")),
    ];
    let root = candidates
        .into_iter()
        .flatten()
        .find(|c| c.join("fixtures").is_dir())
        .expect("cannot find the shared data folder; set ARTICLE_ANALYZER_SHARED");
    root.join(relative)
}
