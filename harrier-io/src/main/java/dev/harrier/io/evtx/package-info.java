/**
 * Reader for Windows XML Event Log (EVTX) files.
 *
 * <p>{@link dev.harrier.io.evtx.EvtxReader} reads a file into events of shape {@code evtx}, and
 * {@link dev.harrier.io.evtx.EvtxXmlRenderer} renders its records as event XML. {@link
 * dev.harrier.io.evtx.EvtxFormat#looksLikeEvtx(byte[])} detects the format from a file's first
 * bytes.
 *
 * <p>Layout of a file: a 4096-byte file header, then 64 KiB chunks. Each chunk has a 512-byte
 * header and event records. Each record has a 24-byte header (signature {@code **\0\0}, size,
 * EventRecordID, written FILETIME), binary XML, and a copy of its size. The binary XML of a record
 * usually instantiates a template defined once per chunk, with a substitution value array that
 * carries the record's data. These facts were checked against the sources of the Rust {@code evtx}
 * crate (omerbenamram/evtx: file header, chunk and binary XML token readers) and against real
 * sample logs.
 */
package dev.harrier.io.evtx;
