//! Bad input gets an error naming file:line:col, what is wrong and what to do; never a
//! panic. The messages are snapshots: a change in wording shows up in review.

use banmian::diag::Diagnostics;
use std::path::Path;

fn errors(spec: &str) -> Diagnostics {
    let path = Path::new("tests/specs").join(spec);
    match banmian::lay_out(&path) {
        Ok(_) => panic!("{spec} should not lay out"),
        Err(d) => d,
    }
}

#[test]
fn misspelt_key_is_located_and_gets_a_suggestion() {
    insta::assert_snapshot!(errors("misspelt-key.toml").to_string(), @r"
    tests/specs/misspelt-key.toml:9:1: error: unknown field `headlin`, expected one of `id`, `kicker`, `headline`, `subtitle`, `byline`, `byline_position`, `body`, `body_file`, `place`, `heads`, `text`, `copyfit`, `jump_to`, `continued_from`, `subhead_rules`, `frame`, `separators`
      hint: did you mean `headline`? (see docs/spec.md for every key)
    ");
}

#[test]
fn bad_unit_is_located_and_lists_the_units() {
    insta::assert_snapshot!(errors("bad-unit.toml").to_string(), @r#"
    tests/specs/bad-unit.toml:7:10: error: `4.5px` is not a length; write a number with a unit: "12mm", "8.5pt", "1.2cm" or "0.5in"
    "#);
}

#[test]
fn column_span_off_the_grid_is_located() {
    insta::assert_snapshot!(errors("span-off-grid.toml").to_string(), @r"
    tests/specs/span-off-grid.toml:9:30: error: article `wide` spans 3 columns from column 4: that runs off the 5-column grid
      hint: use a span from 1 to 2
    ");
}

#[test]
fn missing_photo_names_the_file() {
    let e = errors("missing-photo.toml").to_string();
    assert!(e.starts_with("tests/specs/missing-photo.toml:6:8: error: cannot read image file tests/specs/no-such-photo.jpg: there is no such file"), "{e}");
    assert!(e.contains("hint:"), "{e}");
}

#[test]
fn a_spec_that_is_not_toml_is_an_error_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("banmian-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, junk) in [
        "[page\n",
        "page = 3",
        "\u{feff}[[article]]\nplace = 7",
        "[page]\nlayout = \"../../etc\"",
    ]
    .iter()
    .enumerate()
    {
        let p = dir.join(format!("junk{i}.toml"));
        std::fs::write(&p, junk).unwrap();
        let e = banmian::lay_out(&p).err().expect("junk is rejected");
        assert!(e.has_errors());
        assert!(e.iter().all(|d| d.loc.is_some()), "{e}");
    }
}

#[test]
fn an_unknown_body_face_is_located() {
    let dir = std::env::temp_dir().join(format!("banmian-font-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("page.toml");
    std::fs::write(
        &p,
        "[page]\nlayout = \"tabloid\"\n\n[page.text]\nfont = \"fangsong\"\n",
    )
    .unwrap();
    let e = banmian::lay_out(&p)
        .err()
        .expect("an unknown face is rejected");
    let text = e.to_string();
    assert!(
        text.contains("page.toml:5:8: error: no font named `fangsong`"),
        "{text}"
    );
    assert!(text.contains("hint: built-in faces: song"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
