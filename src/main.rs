//! The `article-analyzer` command line: `analyze`, `jsonl` and `conll`, as ../shared/CONTRACT.md
//! fixes them.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The page builds this crate for wasm32 too; the command line has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}
