//! The memory holes hostile testing found (issue #14): pathological Markdown and image bombs that
//! made the build abort instead of refusing the file. Each runs under a 4 GB address-space limit
//! and measures the peak resident memory with `/usr/bin/time`.

use super::*;

/// Runs `build` under `prlimit --as=4G` and `/usr/bin/time`; returns (exit code, output, peak
/// RSS in KB).
fn build_limited(p: &Path, threads: &str) -> (i32, String, u64) {
    let out = p.parent().expect("p").join("out");
    let rss = p.parent().expect("p").join("rss.txt");
    let o = std::process::Command::new("prlimit")
        .arg("--as=4294967296")
        .args(["/usr/bin/time", "-f", "%M", "-o", &s(&rss)])
        .arg(bin())
        .args([
            "build",
            "-r",
            &s(p),
            "-o",
            &s(&out),
            "--today",
            "2026-03-10",
        ])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("prlimit and /usr/bin/time run");
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(!all.contains("panicked"), "campsite panicked:\n{all}");
    let text = std::fs::read_to_string(&rss).unwrap_or_default();
    let kb = text
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .next_back()
        .unwrap_or(u64::MAX);
    (o.status.code().unwrap_or(-1), all, kb)
}

#[test]
fn pathological_markdown_notes_are_refused_by_name_not_aborted() {
    let p = portal("mem-markdown");
    let note = "*a **b ".repeat(2_000_000);
    for who in ["ana", "bo"] {
        let path = format!("content/campaigns/spring/briefs/{who}.md");
        let text = std::fs::read_to_string(p.join(&path)).expect("r");
        write(&p, &path, format!("{text}{note}\n"));
    }
    let (code, all, kb) = build_limited(&p, "2");
    assert!(!all.contains("memory allocation"), "aborted:\n{all}");
    assert_eq!(code, 1, "{all}");
    for who in ["ana", "bo"] {
        let expected = format!(
            "content/campaigns/spring/briefs/{who}.md: error: rendering this Markdown needs about"
        );
        assert!(all.contains(&expected), "`{expected}` in:\n{all}");
    }
    assert!(kb < 1_000_000, "peak RSS {kb} KB");
}

#[test]
fn image_bombs_in_parallel_are_refused_by_name_not_aborted() {
    let p = portal("mem-images");
    for i in 0..6 {
        write(
            &p,
            &format!("content/assets/brand/big-{i}.png"),
            blank_png(11_000, 11_000, i),
        );
    }
    let (code, all, kb) = build_limited(&p, "6");
    assert!(!all.contains("memory allocation"), "aborted:\n{all}");
    assert!(code == 0 || code == 1, "exit {code}:\n{all}");
    for i in 0..6 {
        let expected = format!("content/assets/brand/big-{i}.png: warning:");
        assert!(all.contains(&expected), "`{expected}` in:\n{all}");
    }
    assert!(all.contains("memory budget"), "{all}");
    assert!(kb < 1_000_000, "peak RSS {kb} KB");
}

/// A valid RGBA PNG of `w`×`h` transparent pixels (a few MB: the deflate stream is runs of
/// zeros), with a text chunk carrying `tag` so that each file hashes differently.
fn blank_png(w: u32, h: u32, tag: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"tEXt", format!("Comment\0{tag}").as_bytes());
    let raw_len = u64::from(h) * (1 + 4 * u64::from(w));
    chunk(&mut png, b"IDAT", &zlib_zeros(raw_len));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zlib stream of `n` zero bytes: one fixed-Huffman block of a literal 0 followed by
/// length-258 copies at distance 1.
fn zlib_zeros(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.len;
            self.len += count;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, count: u32) {
            let mut rev = 0;
            for i in 0..count {
                rev |= ((code >> i) & 1) << (count - 1 - i);
            }
            self.put(rev, count);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let rest = n - 1;
    for _ in 0..rest / 258 {
        b.code(0xC5, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1
    }
    for _ in 0..rest % 258 {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    if b.len > 0 {
        b.put(0, 8 - b.len);
    }
    let adler = ((n % 65521) << 16) | 1;
    b.out.extend_from_slice(&(adler as u32).to_be_bytes());
    b.out
}
