/**
 * Who scans: the versioned catalogue of known scanning entities ({@link io.fathom.detect.entity.EntityCatalogue},
 * built-in {@code entities.json} plus user catalogues, MISP warning lists and CIDR lists), optional reverse DNS
 * ({@link io.fathom.detect.entity.ReverseDns}), and {@link io.fathom.detect.entity.EntityClassifier}, which
 * attributes sources by range, reverse DNS and behaviour and classifies each entity on the six axes of the
 * scanner-classification literature (organization, intention, distribution, publication, software, timing).
 */
package io.fathom.detect.entity;
