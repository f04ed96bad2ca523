//! How strong a `link_secret` is: an estimate of its entropy in bits, and the known placeholders.

/// Fewest bits of entropy a public build accepts (SPEC: 128, e.g. 22 random base64 characters).
pub const MIN_SECRET_BITS: f64 = 128.0;

/// Values that appear in documentation, starters and examples: never secret.
const PLACEHOLDERS: &[&str] = &[
    "change-me-to-a-long-random-string",
    "changeme",
    "change-me",
    "secret",
    "password",
    "your-secret-here",
];

/// Why a secret is too weak, if it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Weakness {
    /// A value from the documentation or a common placeholder.
    Placeholder,
    /// Fewer bits than [`MIN_SECRET_BITS`] (the estimate).
    TooFewBits(f64),
}

/// An upper estimate of the entropy of `secret` as if each character were drawn at random from
/// the character classes it uses (lower case, upper case, digits, the rest), counting only
/// distinct characters beyond the first repetitions: `"aaaa…"` scores like `"a"`.
pub fn estimated_bits(secret: &str) -> f64 {
    let chars: Vec<char> = secret.chars().collect();
    let mut alphabet = 0u32;
    if chars.iter().any(char::is_ascii_lowercase) {
        alphabet += 26;
    }
    if chars.iter().any(char::is_ascii_uppercase) {
        alphabet += 26;
    }
    if chars.iter().any(char::is_ascii_digit) {
        alphabet += 10;
    }
    if chars.iter().any(|c| !c.is_ascii_alphanumeric()) {
        alphabet += 32;
    }
    if alphabet < 2 {
        return 0.0;
    }
    let mut distinct: Vec<char> = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // A random string of n characters has close to n distinct ones when n is small against the
    // alphabet; a string with few distinct characters is not random, so count at most a few
    // characters per distinct one.
    let counted = chars.len().min(distinct.len() * 4);
    counted as f64 * f64::from(alphabet).log2()
}

/// Whether `secret` is too weak for public links.
pub fn weakness(secret: &str) -> Option<Weakness> {
    let trimmed = secret.trim().to_ascii_lowercase();
    if PLACEHOLDERS.contains(&trimmed.as_str()) {
        return Some(Weakness::Placeholder);
    }
    let bits = estimated_bits(secret.trim());
    (bits < MIN_SECRET_BITS).then_some(Weakness::TooFewBits(bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_secrets_pass_and_weak_ones_do_not() {
        assert!(weakness("TaaA6IPjPlMX3pWOjJOC6zDIzwxT6O0blc24eQQL").is_none());
        assert!(weakness("fixture-secret-not-for-production-0123456789").is_none());
        assert!(
            weakness("q8Zk1vR0pL4xW2nB7cT9eY").is_none(),
            "22 base64 characters"
        );
        assert!(matches!(weakness(" "), Some(Weakness::TooFewBits(_))));
        assert!(matches!(weakness("a"), Some(Weakness::TooFewBits(_))));
        assert!(matches!(weakness("short"), Some(Weakness::TooFewBits(_))));
        assert!(
            weakness(&"ab".repeat(40)).is_some(),
            "repetition is not entropy"
        );
        assert!(
            weakness("q8Zk1vR0pL4xW2nB7cT9").is_some(),
            "20 base64 characters"
        );
        assert_eq!(
            weakness("change-me-to-a-long-random-string"),
            Some(Weakness::Placeholder)
        );
    }
}
