//! A spec is untrusted input (newsroom services build pages from uploads): the files it
//! names are read only inside the root (the spec's folder unless `--root` says
//! otherwise), only regular files are read, and a refusal is a located error.

use crate::common::{self, banmian};
use std::path::Path;

/// A spec in a fresh folder whose one article reads `body_file`.
fn page_reading(name: &str, body_file: &str) -> std::path::PathBuf {
    let dir = common::scratch("untrusted", name);
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[[article]]\nbody_file = {body_file:?}\nplace = {{ column = 1, span = 2, top = 0, height = 10 }}\n"
    );
    std::fs::write(dir.join("page.toml"), spec).unwrap();
    dir.join("page.toml")
}

fn check(spec: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["check", spec.to_str().unwrap()];
    args.extend(extra);
    let r = banmian(&args);
    (
        r.status.code(),
        String::from_utf8_lossy(&r.stderr).into_owned(),
    )
}

#[test]
fn a_body_file_outside_the_spec_folder_is_refused_at_its_key() {
    for (name, path) in [
        ("dotdot", "../../../../../../etc/passwd"),
        ("absolute", "/proc/self/environ"),
    ] {
        let spec = page_reading(name, path);
        let (code, err) = check(&spec, &[]);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("page.toml:5:13: error: text file")
                && err.contains("is outside the folder this build may read"),
            "{err}"
        );
        assert!(!err.contains("root:x:0:0"), "the file was read: {err}");
    }
}

#[test]
fn a_link_out_of_the_root_is_refused_and_allow_outside_root_lifts_it() {
    let spec = page_reading("link", "body.txt");
    let dir = spec.parent().unwrap();
    let outside = common::scratch("untrusted", "link-target").join("secret.txt");
    std::fs::write(&outside, "机密的正文。").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("body.txt")).unwrap();
    let (code, err) = check(&spec, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("is outside the folder this build may read"),
        "{err}"
    );
    let (code, err) = check(&spec, &["--allow-outside-root"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn root_widens_the_folder_a_build_may_read() {
    let (code, err) = check(Path::new("tests/specs/column-rules.toml"), &[]);
    assert_eq!(code, Some(2), "{err}");
    let (code, err) = check(Path::new("tests/specs/column-rules.toml"), &["--root", "."]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_pipe_or_a_device_is_not_read() {
    let spec = page_reading("fifo", "pipe.txt");
    let fifo = spec.parent().unwrap().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Opening a FIFO for reading would wait for a writer forever.
        let (code, err) = check(&spec, &[]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("is not a regular file"), "{err}");
    }
    let spec = page_reading("device", "/dev/zero");
    let (code, err) = check(&spec, &["--allow-outside-root"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("/dev/zero is not a regular file"), "{err}");
}
