package io.fathom.detect.entity;

/**
 * Why one source was attributed to a catalogue entity.
 *
 * @param entry the entity
 * @param method {@code range}, {@code rdns} or {@code behaviour}
 * @param confidence 0 to 1, see {@link Attributor}
 * @param evidence one line with the figures
 */
record Attribution(CatalogueEntry entry, String method, double confidence, String evidence) {}
