//! Values kept between builds by the hash of their inputs (`serve`): the parts of the
//! portal-wide team pages, each campaign's brief facts. A key is the hash of every input the
//! value reads, so an entry is never stale; one that no build asked for is dropped.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

type Slot = Arc<dyn Any + Send + Sync>;
/// Values by kind, then key: a lookup borrows the key, and a value kept from the previous build
/// moves into the current one with its key.
type Entries = HashMap<&'static str, HashMap<String, Slot>>;

/// How many locks the store is split over: `serve` asks for a value per brief (10,000 at a
/// time from rayon's threads), and one lock made them wait on each other.
const SHARDS: usize = 16;

/// One shard's values of the last build, and those of the build under way.
#[derive(Default)]
struct Shard {
    previous: Entries,
    current: Entries,
}

/// The values of the last build, by (kind of value, key), and those of the build under way.
#[derive(Default)]
pub struct KeyedStore {
    shards: [Mutex<Shard>; SHARDS],
    /// Values made (not found) since the last [`KeyedStore::rotate`].
    making: AtomicUsize,
    /// Values the last finished build made.
    made: AtomicUsize,
    /// Values made since the last rotation, by kind; and those the last finished build made.
    making_by: Mutex<HashMap<&'static str, usize>>,
    made_by: Mutex<HashMap<&'static str, usize>>,
}

/// The shard of `key`: its last bytes (keys are hashes), folded.
fn shard_of(key: &str) -> usize {
    let tail = key.as_bytes().iter().rev().take(4);
    tail.fold(0usize, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(usize::from(*b))
    }) % SHARDS
}

impl KeyedStore {
    /// The value `name` under `key`: the one already made under that key, or `make()`'s.
    pub fn get_or_make<T, F>(&self, name: &'static str, key: &str, make: F) -> Arc<T>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> T,
    {
        let shard = &self.shards[shard_of(key)];
        let found = {
            let mut guard = lock(shard);
            let Shard { previous, current } = &mut *guard;
            match current.get(name).and_then(|m| m.get(key)) {
                Some(v) => Some(v.clone()),
                None => {
                    let old = previous.get_mut(name).and_then(|m| m.remove_entry(key));
                    old.map(|(key, v)| {
                        current.entry(name).or_default().insert(key, v.clone());
                        v
                    })
                }
            }
        };
        if let Some(v) = found.and_then(|s| s.downcast::<T>().ok()) {
            return v;
        }
        let v = Arc::new(make());
        self.making.fetch_add(1, Ordering::Relaxed);
        *lock(&self.making_by).entry(name).or_default() += 1;
        let slot: Slot = v.clone();
        let mut guard = lock(shard);
        guard
            .current
            .entry(name)
            .or_default()
            .insert(key.to_string(), slot);
        v
    }

    /// Ends a build: its values are the ones the next build may reuse; the rest are dropped.
    pub fn rotate(&self) {
        for shard in &self.shards {
            let mut guard = lock(shard);
            guard.previous = std::mem::take(&mut guard.current);
        }
        let made = self.making.swap(0, Ordering::Relaxed);
        self.made.store(made, Ordering::Relaxed);
        let by_kind = std::mem::take(&mut *lock(&self.making_by));
        *lock(&self.made_by) = by_kind;
    }

    /// How many values the last finished build made rather than found.
    pub fn made_last_build(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// How many values of kind `name` the last finished build made rather than found.
    pub fn made_last_build_of(&self, name: &str) -> usize {
        lock(&self.made_by).get(name).copied().unwrap_or(0)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once_per_key_and_kept_one_build() {
        let store = KeyedStore::default();
        let made = AtomicUsize::new(0);
        let make = || {
            made.fetch_add(1, Ordering::Relaxed);
            vec![1u32, 2, 3]
        };
        let a = store.get_or_make("rows", "k1", make);
        let b = store.get_or_make("rows", "k1", make);
        assert_eq!(made.load(Ordering::Relaxed), 1);
        assert!(Arc::ptr_eq(&a, &b));
        store.rotate();
        assert_eq!(store.made_last_build(), 1);
        // Kept across one build…
        store.get_or_make("rows", "k1", make);
        assert_eq!(made.load(Ordering::Relaxed), 1);
        // …another kind under the same key is its own value…
        let other: Arc<String> = store.get_or_make("name", "k1", || "x".to_string());
        assert_eq!(other.as_str(), "x");
        // …a new key is made anew, and a value no build asked for is dropped.
        store.rotate();
        store.get_or_make("rows", "k2", make);
        store.rotate();
        store.rotate();
        store.get_or_make("rows", "k1", make);
        assert_eq!(made.load(Ordering::Relaxed), 3);
    }
}
