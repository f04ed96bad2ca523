//! Byte-level checks the decoder does not make: a JPEG cut short, and EXIF GPS data.

/// True when the bytes look like a JPEG (SOI marker followed by a marker).
pub fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// True when a JPEG ends with its end-of-image marker (`FF D9`), allowing trailing padding.
/// A truncated JPEG often decodes "successfully" with a grey lower half; this catches it.
pub fn jpeg_complete(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, 0x00 | b'\n' | b'\r' | b' '))
        .map_or(0, |i| i + 1);
    bytes.get(..end).is_some_and(|b| b.ends_with(&[0xFF, 0xD9]))
}

/// The width and height a PNG's IHDR claims (read from the header bytes alone).
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// The EXIF tag of the GPS IFD pointer.
const GPS_IFD_TAG: u16 = 0x8825;

/// True when a raw EXIF block (TIFF structure, with or without the `Exif\0\0` prefix) has a GPS
/// IFD in its first IFD.
pub fn exif_has_gps(exif: &[u8]) -> bool {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = match tiff.get(..4) {
        Some([b'I', b'I', 42, 0]) => false,
        Some([b'M', b'M', 0, 42]) => true,
        _ => return false,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let Some(ifd) = u32_at(4).and_then(|o| usize::try_from(o).ok()) else {
        return false;
    };
    let Some(count) = u16_at(ifd) else {
        return false;
    };
    (0..usize::from(count)).any(|i| u16_at(ifd + 2 + i * 12) == Some(GPS_IFD_TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_end_marker() {
        assert!(jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xD9]));
        assert!(jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xD9, 0, 0, b'\n']));
        assert!(!jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xE0, 0x12]));
        assert!(!jpeg_complete(&[]));
    }

    #[test]
    fn gps_pointer_in_ifd0() {
        // Little-endian TIFF, IFD0 at 8 with two entries: orientation, GPS pointer.
        let mut t = b"Exif\0\0II*\0\x08\0\0\0\x02\0".to_vec();
        t.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        t.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        assert!(exif_has_gps(&t));
        t.truncate(t.len() - 12);
        t[14] = 1;
        assert!(!exif_has_gps(&t));
        assert!(!exif_has_gps(b"garbage"));
        assert!(!exif_has_gps(b"MM\0*\xff\xff\xff\xff"));
    }
}
