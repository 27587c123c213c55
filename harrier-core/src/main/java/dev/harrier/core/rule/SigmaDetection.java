package dev.harrier.core.rule;

import java.util.List;

/**
 * A search identifier's definition: detection items or nested detections, linked by AND (a map) or
 * OR (a list, or a keyword list).
 */
public record SigmaDetection(
        List<DetectionNode> children, Linking linking, SourceLocation location)
        implements DetectionNode {

    /** How the children combine. */
    public enum Linking {
        AND,
        OR
    }

    public SigmaDetection {
        children = List.copyOf(children);
    }

    @Override
    public String toString() {
        return linking.name().toLowerCase(java.util.Locale.ROOT) + children;
    }
}
