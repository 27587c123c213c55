package dev.harrier.core.rule;

/** A child of a {@link SigmaDetection}: a detection item or a nested detection. */
public sealed interface DetectionNode permits SigmaDetection, SigmaDetectionItem {}
