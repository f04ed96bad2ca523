//! Reading `results.csv` into header names and string cells with their positions.
//!
//! Cell meaning (numbers, dates, vocabularies) is decided in `validate::results`; here we only
//! split the file the way spreadsheets write it: BOM, CRLF, quoted commas and newlines.

use super::source::SourceFile;
use crate::diagnostics::{Diagnostic, Diagnostics, Origin};

/// Most rows a results file may have (a guard against absurd files, far above real campaigns).
pub const MAX_ROWS: usize = 5_000_000;

/// One data row.
#[derive(Debug, Clone)]
pub struct CsvRecord {
    /// 1-based line in the file where the row starts.
    pub line: u32,
    /// Byte offset of the row in the file.
    pub offset: usize,
    /// The cells, in file order.
    pub cells: Vec<String>,
}

/// A whole results file.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// The file.
    pub file: SourceFile,
    /// Header names, trimmed and lowercased.
    pub headers: Vec<String>,
    /// Data rows.
    pub records: Vec<CsvRecord>,
}

impl CsvTable {
    /// Where cell `col` of `record` starts (at its opening quote when quoted).
    pub fn cell_origin(&self, record: &CsvRecord, col: usize) -> Origin {
        self.file
            .origin(field_offset(&self.file.text, record.offset, col))
    }

    /// A diagnostic at cell `col` of `record`, naming row and column.
    pub fn cell_error(&self, record: &CsvRecord, col: usize, message: &str) -> Diagnostic {
        let at = field_offset(&self.file.text, record.offset, col);
        let name = self.headers.get(col).map(String::as_str).unwrap_or("?");
        self.file.error_at(
            at,
            "csv-cell",
            format!("row {}, column `{name}`: {message}", record.line),
        )
    }
}

/// Splits the file; problems (ragged rows, a `;` export) become diagnostics.
pub fn read_table(file: SourceFile, diags: &mut Diagnostics) -> CsvTable {
    let mut headers = Vec::new();
    let mut records = Vec::new();
    let first_line = file.text.lines().next().unwrap_or("");
    if first_line.contains(';') && !first_line.contains(',') {
        diags.push(
            file.error_at(0, "csv-delimiter", "the file is separated by `;`, not `,`")
                .with_hint("export as comma-separated values (CSV UTF-8)"),
        );
        return CsvTable {
            file,
            headers,
            records,
        };
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    match reader.headers() {
        Ok(h) => headers = h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(e) => {
            diags.push(file.error_at(0, "csv", format!("cannot read the header row: {e}")));
            return CsvTable {
                file,
                headers,
                records,
            };
        }
    }
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                let mut offset = r.position().map(|p| p.byte() as usize).unwrap_or(0);
                // A CRLF terminator leaves the reported start on the `\n`.
                while file
                    .text
                    .as_bytes()
                    .get(offset)
                    .is_some_and(|b| *b == b'\r' || *b == b'\n')
                {
                    offset += 1;
                }
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = file.position(offset).line;
                if r.len() != headers.len() {
                    diags.push(file.error_at(
                        offset,
                        "csv",
                        format!(
                            "row {line} has {} cells but the header has {}",
                            r.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                if records.len() >= MAX_ROWS {
                    diags.push(file.error_at(
                        offset,
                        "csv",
                        format!("more than {MAX_ROWS} rows; split the file"),
                    ));
                    break;
                }
                records.push(CsvRecord {
                    line,
                    offset,
                    cells: r.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                let offset = e.position().map(|p| p.byte() as usize).unwrap_or(0);
                diags.push(file.error_at(offset, "csv", format!("cannot read row: {e}")));
            }
        }
    }
    CsvTable {
        file,
        headers,
        records,
    }
}

/// Byte offset of field `col` of the record starting at `start`, honouring quotes.
fn field_offset(text: &str, start: usize, col: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut field = 0;
    let mut quoted = false;
    while i < bytes.len() && field < col {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => field += 1,
            b'\n' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn table(text: &str) -> (CsvTable, Diagnostics) {
        let mut d = Diagnostics::new();
        let f = SourceFile::from_text("r.csv", PathBuf::from("r.csv"), text.to_string());
        (read_table(f, &mut d), d)
    }

    #[test]
    fn reads_bom_crlf_quotes_and_newlines() {
        let (t, d) = table(
            "\u{feff}Creator,Caption,Likes\r\nmia,\"#ad hi, all\nsecond line\",\"1,200\"\r\nzoe,x,3\r\n",
        );
        assert!(d.is_empty());
        assert_eq!(t.headers, vec!["creator", "caption", "likes"]);
        assert_eq!(t.records.len(), 2);
        assert_eq!(t.records[0].cells[1], "#ad hi, all\nsecond line");
        assert_eq!(t.records[0].cells[2], "1,200");
        assert_eq!(t.records[1].line, 4);
    }

    #[test]
    fn cell_errors_name_row_and_column() {
        let (t, _) = table("creator,likes\nmia,lots\n");
        let e = t.cell_error(&t.records[0], 1, "not a number");
        assert_eq!((e.line, e.column), (Some(2), Some(5)));
        assert!(e.message.contains("column `likes`"));
    }

    #[test]
    fn semicolons_are_named() {
        let (_, d) = table("creator;likes\nmia;3\n");
        assert_eq!(d.error_count(), 1);
    }
}
