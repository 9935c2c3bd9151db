//! What the PDF writer keeps between documents of one process: the pages of an edition
//! and the rebuilds of `banmian watch` write the same fonts, profiles and images again
//! and again.
//!
//! In: a key that determines the bytes completely. Out: those bytes, computed once.
//! - font subsets, keyed by (built-in face, glyph set): the compressed font program;
//! - compressed streams (ICC profiles, raw images and masks), keyed by the SHA-256 of
//!   their bytes and their kind.
//!
//! A hit returns exactly what a miss computes, so output never depends on what is
//! cached (same input, same bytes, in any order and at any `-j`). The cache holds at
//! most [`BUDGET`] bytes and forgets the oldest entries first. The built-in profiles
//! need no cache: they are stored compressed in the binary (`profiles/*.zlib`).
//!
//! Only built-in faces are cached: their bytes are static, so the face is known exactly
//! without hashing megabytes of font data. A font file named by a spec is subset every
//! time (hashing it would cost about as much as subsetting it).

use super::deflate::{self, StreamKind};
use crate::fonts::Builtin;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};

/// Bytes the cache may hold: the font subsets of every page of a 48-page edition with
/// distinct texts take about 7 MB (the body face's about 150 KB a page), so an edition's
/// pages all fit, and a long `watch` session stays within this much more memory.
pub const BUDGET: usize = 16 << 20;

/// The key of a cached entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// A subset of a built-in face keeping `glyphs` (old glyph ids, ascending).
    Subset { face: Builtin, glyphs: Vec<u16> },
    /// A compressed stream: the SHA-256 of its uncompressed bytes and its kind.
    Stream { digest: [u8; 32], kind: StreamKind },
}

/// A font program as embedded: compressed, with its uncompressed length (`/Length1`).
#[derive(Debug)]
pub struct Program {
    pub packed: Vec<u8>,
    pub raw_len: usize,
}

#[derive(Clone)]
enum Value {
    Program(Arc<Program>),
    Stream(Arc<[u8]>),
}

impl Value {
    fn size(&self) -> usize {
        match self {
            Value::Program(p) => p.packed.len(),
            Value::Stream(s) => s.len(),
        }
    }
}

/// Compressed font programs and streams by content. Thread-safe; one per process is
/// [`PdfCache::shared`].
pub struct PdfCache {
    inner: Mutex<Inner>,
    /// Bytes it may hold.
    budget: usize,
}

impl Default for PdfCache {
    fn default() -> Self {
        PdfCache::with_budget(BUDGET)
    }
}

#[derive(Default)]
struct Inner {
    map: HashMap<Key, Value>,
    /// Keys in insertion order, for forgetting the oldest.
    order: VecDeque<Key>,
    bytes: usize,
    hits: u64,
    misses: u64,
}

/// How often the cache answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Look-ups answered from the cache since it was made.
    pub hits: u64,
    /// Look-ups that found nothing (the caller then computed the bytes).
    pub misses: u64,
    /// Bytes held.
    pub bytes: usize,
}

impl PdfCache {
    /// An empty cache holding at most `BUDGET` bytes (16 MiB).
    pub fn new() -> PdfCache {
        PdfCache::default()
    }

    /// An empty cache that holds at most `budget` bytes.
    pub fn with_budget(budget: usize) -> PdfCache {
        PdfCache {
            inner: Mutex::default(),
            budget,
        }
    }

    /// The process's cache, used by [`super::write_pdf`].
    pub fn shared() -> &'static PdfCache {
        static SHARED: OnceLock<PdfCache> = OnceLock::new();
        SHARED.get_or_init(PdfCache::new)
    }

    /// Forgets every entry (the counts stay): the next documents are written as by a
    /// new process.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.map.clear();
        inner.order.clear();
        inner.bytes = 0;
    }

    /// Hits, misses and size so far.
    pub fn stats(&self) -> CacheStats {
        let inner = self.lock();
        CacheStats {
            hits: inner.hits,
            misses: inner.misses,
            bytes: inner.bytes,
        }
    }

    /// The subset of built-in face `face` with `glyphs`, made by `make` on a miss.
    /// `make`'s error is passed on and nothing is cached.
    pub fn subset<E>(
        &self,
        face: Builtin,
        glyphs: Vec<u16>,
        make: impl FnOnce() -> Result<Program, E>,
    ) -> Result<Arc<Program>, E> {
        let key = Key::Subset { face, glyphs };
        if let Some(Value::Program(p)) = self.get(&key) {
            return Ok(p);
        }
        // Computed outside the lock: two threads missing the same key both compute it
        // (the same bytes); the second insert is ignored.
        let p = Arc::new(make()?);
        self.insert(key, Value::Program(Arc::clone(&p)));
        Ok(p)
    }

    /// `data` compressed as a stream of `kind`, compressed at most once per content.
    pub fn compressed(&self, data: &[u8], kind: StreamKind) -> Arc<[u8]> {
        let key = Key::Stream {
            digest: Sha256::digest(data).into(),
            kind,
        };
        if let Some(Value::Stream(s)) = self.get(&key) {
            return s;
        }
        let s: Arc<[u8]> = deflate::compress(data, kind).into();
        self.insert(key, Value::Stream(Arc::clone(&s)));
        s
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while the lock was held cannot leave a half-made entry (entries go in
        // whole), so a poisoned cache is still a good one.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, key: &Key) -> Option<Value> {
        let mut inner = self.lock();
        let found = inner.map.get(key).cloned();
        match found {
            Some(_) => inner.hits += 1,
            None => inner.misses += 1,
        }
        found
    }

    fn insert(&self, key: Key, value: Value) {
        let size = value.size();
        if size > self.budget {
            return;
        }
        let mut inner = self.lock();
        if inner.map.contains_key(&key) {
            return;
        }
        while inner.bytes + size > self.budget {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(v) = inner.map.remove(&old) {
                inner.bytes -= v.size();
            }
        }
        inner.bytes += size;
        inner.order.push_back(key.clone());
        inner.map.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Builtin::{Kai, Song};

    fn program(n: usize) -> Result<Program, ()> {
        Ok(Program {
            packed: vec![7; n],
            raw_len: n,
        })
    }

    #[test]
    fn a_subset_is_made_once_per_face_and_glyph_set() {
        let cache = PdfCache::new();
        let a = cache.subset(Song, vec![0, 5, 9], || program(10)).unwrap();
        let b = cache
            .subset(Song, vec![0, 5, 9], || -> Result<Program, ()> {
                panic!("made twice")
            })
            .unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.subset(Kai, vec![0, 5, 9], || program(11)).unwrap();
        assert_eq!(c.raw_len, 11, "another face is another subset");
        let d = cache.subset(Song, vec![0, 5], || program(12)).unwrap();
        assert_eq!(d.raw_len, 12, "another glyph set is another subset");
        assert_eq!(
            cache.stats(),
            CacheStats {
                hits: 1,
                misses: 3,
                bytes: 33
            }
        );
    }

    #[test]
    fn failures_are_not_cached() {
        let cache = PdfCache::new();
        assert!(cache
            .subset(Song, vec![1], || Err::<Program, _>("bad"))
            .is_err());
        assert!(cache.subset(Song, vec![1], || program(3)).is_ok());
    }

    #[test]
    fn streams_are_keyed_by_content_and_kind() {
        let cache = PdfCache::new();
        let data = b"abcabcabcabc".repeat(50);
        let a = cache.compressed(&data, StreamKind::Icc);
        let b = cache.compressed(&data.clone(), StreamKind::Icc);
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.compressed(&data, StreamKind::FontProgram);
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(&*a, &deflate::compress(&data, StreamKind::Icc)[..]);
    }

    #[test]
    fn the_oldest_entries_go_when_the_budget_is_spent() {
        let cache = PdfCache::with_budget(30);
        for g in 0..4u16 {
            cache.subset(Song, vec![g], || program(10)).unwrap();
        }
        assert_eq!(cache.stats().bytes, 30);
        let mut made = false;
        cache
            .subset(Song, vec![0], || {
                made = true;
                program(1)
            })
            .unwrap();
        assert!(made, "the first entry was forgotten");
        cache.subset(Song, vec![3], || program(1)).unwrap();
        assert_eq!(cache.stats().hits, 1, "the newest is still there");
        cache.clear();
        assert_eq!(cache.stats().bytes, 0);
        let mut made = false;
        cache
            .subset(Song, vec![3], || {
                made = true;
                program(1)
            })
            .unwrap();
        assert!(made, "cleared");
    }
}
