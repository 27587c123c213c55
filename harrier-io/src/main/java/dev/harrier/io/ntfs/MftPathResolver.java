package dev.harrier.io.ntfs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves directory paths through an {@link MftIndex}. Each step up the parent chain checks the
 * sequence number: a parent entry that is missing, unreadable, nameless or now belongs to another
 * file (its sequence number differs) becomes {@code <unknown parent E-S>}, and the path is never
 * completed by guessing.
 */
final class MftPathResolver implements NtfsPathResolver {
    /**
     * The deepest parent chain followed. Windows paths are at most 32,767 characters, so a real
     * chain is shorter; a longer one comes from damaged or crafted records.
     */
    static final int MAX_PATH_DEPTH = 16_384;

    private final MftIndex index;
    private final String volumePrefix;
    private final Map<Long, String> directoryPaths = new HashMap<>();

    MftPathResolver(MftIndex index, String volumePrefix) {
        this.index = index;
        this.volumePrefix = Objects.requireNonNull(volumePrefix, "volumePrefix");
    }

    @Override
    public String directoryPath(FileReference directory) {
        Deque<String> names = new ArrayDeque<>();
        Set<Long> visited = new HashSet<>();
        FileReference current = directory;
        String base = null;
        while (base == null) {
            if (current.entry() == ROOT_ENTRY) {
                base = volumePrefix;
                break;
            }
            MftIndex.Node node = index.node(current.entry());
            if (node == null || node.name() == null || node.sequence() != current.sequence()) {
                base = NtfsPathResolver.unknownParent(current);
                break;
            }
            String cached = directoryPaths.get(key(current));
            if (cached != null) {
                base = cached;
                break;
            }
            if (!visited.add(current.entry()) || names.size() >= MAX_PATH_DEPTH) {
                base = "<parent loop at " + current + ">";
                break;
            }
            names.push(node.name());
            current = node.parent();
        }
        StringBuilder path = new StringBuilder(base);
        for (String name : names) {
            path.append('\\').append(name);
        }
        String result = path.toString();
        if (!names.isEmpty()) {
            directoryPaths.put(key(directory), result);
        }
        return result;
    }

    private static long key(FileReference reference) {
        return reference.number();
    }
}
