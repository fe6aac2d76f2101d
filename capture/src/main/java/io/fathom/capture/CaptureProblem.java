package io.fathom.capture;

/** The kinds of trouble a capture reader reports, each with what the reader does about it. */
public enum CaptureProblem {
  TRUNCATED_HEADER("truncated file header", "no packets"),
  TRUNCATED_RECORD("truncated record", "stopping"),
  CORRUPT_RECORD_LENGTH("corrupt record length", "stopping"),
  CORRUPT_BLOCK_LENGTH("corrupt block length", "stopping"),
  BAD_SECTION_HEADER("unsupported or corrupt section header", "stopping"),
  OVERSIZED_BLOCK("block larger than any packet", "skipping it"),
  BAD_PACKET_BLOCK("packet larger than its block", "skipping it"),
  UNKNOWN_INTERFACE("packet for an undeclared interface", "skipping it"),
  TOO_MANY_INTERFACES("too many interfaces in one section", "ignoring the rest"),
  BAD_OPTION("malformed interface option", "ignoring the rest of its options"),
  EXCEEDS_SNAPLEN("captured length exceeds the snapshot length", "reading it anyway"),
  ORIGINAL_BELOW_CAPTURED("original length below captured length", "taking the captured length"),
  READ_ERROR("read error", "stopping");

  private final String what;
  private final String action;

  CaptureProblem(String what, String action) {
    this.what = what;
    this.action = action;
  }

  /** What went wrong, as a phrase ("truncated record"). */
  public String what() {
    return what;
  }

  /** What the reader does about it, as a phrase ("stopping"). */
  public String action() {
    return action;
  }
}
