package org.vigil.raid.md;

import java.util.Optional;

/**
 * The write-intent bitmap line, {@code bitmap: 2/15 pages [8KB], 65536KB chunk[, file: PATH]}.
 *
 * @param pagesInMemory pages present in memory
 * @param pages total pages
 * @param memoryKib memory the present pages use
 * @param chunkBytes bytes covered by one bitmap bit
 * @param file the bitmap file, for a file-backed bitmap
 */
public record MdBitmap(
    long pagesInMemory, long pages, long memoryKib, long chunkBytes, Optional<String> file) {}
