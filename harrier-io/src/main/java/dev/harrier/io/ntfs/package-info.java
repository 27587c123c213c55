/**
 * Readers for NTFS artefacts: the USN change journal ({@code $UsnJrnl:$J}) and the master file
 * table ({@code $MFT}).
 *
 * <p>A typical hunt over one volume builds the index once and shares it:
 *
 * <pre>{@code
 * MftIndex index = MftIndex.build(mftPath);
 * new MftReader("C:").read(mftPath, index, sink);                  // one event per MFT entry
 * new UsnJournalReader(index.pathResolver("C:"))
 *         .readCreations(journalPath, sink);                       // one event per file creation
 * }</pre>
 *
 * <p>{@link dev.harrier.io.ntfs.UsnJournalReader#read} gives one event per journal record instead,
 * for dumps. Without an {@code $MFT}, {@link dev.harrier.io.ntfs.NtfsPathResolver#withoutMft}
 * resolves only the root directory and marks other parents as {@code <unknown parent E-S>}. The
 * drive letter is not stored in either artefact, so the caller passes the volume prefix ({@code
 * C:}, or {@code ""} for paths such as {@code \Windows\notepad.exe}).
 */
package dev.harrier.io.ntfs;
