package io.fathom.detect.entity;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reverse DNS of a source address. Optional: the classifier takes null (the default; the command line turns it
 * on with {@code --rdns}), and tests give a fake.
 */
public interface ReverseDns {
  /** The address's PTR name, or empty when there is none, the lookup failed or it timed out. Never fails. */
  CompletableFuture<Optional<String>> lookup(int address);
}
