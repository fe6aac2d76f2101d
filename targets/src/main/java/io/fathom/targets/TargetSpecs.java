package io.fathom.targets;

import io.fathom.common.Ipv4;
import io.fathom.common.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the user's target and exclusion lists. An item is an address ({@code 192.0.2.1}), a CIDR block
 * ({@code 192.0.2.0/24}; host bits set are masked, as nmap and ZMap do) or an inclusive range
 * ({@code 192.0.2.10-192.0.2.20}); a spec is a comma-separated list of items. Every item is one contiguous range,
 * which is what the special-purpose rule of {@link SpecialPurposeBlocks} works on. No DNS lookups. Errors are
 * {@link UsageException}s whose one-line message names the bad item (and the file and line).
 */
public final class TargetSpecs {
  private static final long ALL_ADDRESSES = AddressSet.MAX_ADDRESS + 1;

  private TargetSpecs() {}

  /** Receives each parsed item as one unsigned inclusive range. */
  @FunctionalInterface
  private interface ItemSink {
    void item(long start, long endInclusive);
  }

  /** The addresses of a spec: one item or a comma-separated list of them. */
  public static AddressSet parseSpec(String spec) {
    AddressSet.Builder set = AddressSet.builder();
    parseSpec(spec, set::add);
    return set.build();
  }

  /**
   * The addresses of a file with one spec per line; blank lines and '#' comments are skipped and several
   * whitespace-separated specs may share a line.
   */
  public static AddressSet readFile(Path file) {
    AddressSet.Builder set = AddressSet.builder();
    readFile(file, set::add);
    return set.build();
  }

  /**
   * The scan's addresses: the union of the target items, each less the special-purpose blocks that do not contain
   * it entirely (see {@link SpecialPurposeBlocks}), minus the union of the exclusions.
   *
   * @param internetWide the user's consent to scan the whole 0.0.0.0/0 space
   * @throws UsageException when there are no target items, when the targets cover 0.0.0.0/0 without consent, or
   *     when nothing is left
   */
  public static AddressSet resolve(List<String> targets, List<Path> targetFiles, List<String> excludes,
      List<Path> excludeFiles, boolean internetWide) {
    AddressSet.Builder asGiven = AddressSet.builder();
    AddressSet.Builder kept = AddressSet.builder();
    int[] items = {0};
    ItemSink targetSink = (start, end) -> {
      items[0]++;
      asGiven.add(start, end);
      SpecialPurposeBlocks.addKeptPart(start, end, kept);
    };
    for (String target : targets) {
      parseSpec(target, targetSink);
    }
    for (Path file : targetFiles) {
      readFile(file, targetSink);
    }
    if (items[0] == 0) {
      throw new UsageException("no targets given");
    }
    if (asGiven.build().size() == ALL_ADDRESSES && !internetWide) {
      throw new UsageException("scanning 0.0.0.0/0 needs --internet-wide");
    }
    AddressSet.Builder excluded = AddressSet.builder();
    for (String exclude : excludes) {
      parseSpec(exclude, excluded::add);
    }
    for (Path file : excludeFiles) {
      readFile(file, excluded::add);
    }
    AddressSet result = kept.build().subtract(excluded.build());
    if (result.isEmpty()) {
      throw new UsageException("no targets left after exclusions");
    }
    return result;
  }

  private static void parseSpec(String spec, ItemSink sink) {
    if (spec.isBlank()) {
      throw new UsageException("invalid target '" + spec + "': empty");
    }
    int from = 0;
    while (true) {
      int comma = spec.indexOf(',', from);
      String item = (comma < 0 ? spec.substring(from) : spec.substring(from, comma)).strip();
      if (item.isEmpty()) {
        throw new UsageException("invalid target list '" + spec + "': empty item");
      }
      parseItem(item, sink);
      if (comma < 0) {
        return;
      }
      from = comma + 1;
    }
  }

  private static void parseItem(String item, ItemSink sink) {
    int slash = item.indexOf('/');
    int dash = item.indexOf('-');
    if (slash >= 0) {
      long start = Ipv4.unsigned(address(item, item.substring(0, slash).strip()));
      int prefix = prefixLength(item, item.substring(slash + 1).strip());
      long blockSize = 1L << (32 - prefix);
      start &= -blockSize;
      sink.item(start, start + blockSize - 1);
    } else if (dash >= 0) {
      long start = Ipv4.unsigned(address(item, item.substring(0, dash).strip()));
      long end = Ipv4.unsigned(address(item, item.substring(dash + 1).strip()));
      if (start > end) {
        throw new UsageException("invalid target '" + item + "': range start is after its end");
      }
      sink.item(start, end);
    } else {
      long value = Ipv4.unsigned(address(item, item));
      sink.item(value, value);
    }
  }

  private static int address(String item, String text) {
    try {
      return Ipv4.parse(text);
    } catch (IllegalArgumentException e) {
      String what = text.equals(item) ? "not an IPv4 address, CIDR block or range (no DNS lookups)"
          : "'" + text + "' is not an IPv4 address";
      throw new UsageException("invalid target '" + item + "': " + what);
    }
  }

  private static int prefixLength(String item, String text) {
    boolean digits = !text.isEmpty() && text.length() <= 2 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    int prefix = digits ? Integer.parseInt(text) : -1;
    if (prefix < 0 || prefix > 32) {
      throw new UsageException("invalid target '" + item + "': prefix length must be 0-32");
    }
    return prefix;
  }

  private static void readFile(Path file, ItemSink sink) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (content.isEmpty()) {
          continue;
        }
        try {
          for (String spec : content.split("\\s+")) {
            parseSpec(spec, sink);
          }
        } catch (UsageException e) {
          throw new UsageException(file + ":" + lineNumber + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot read target file '" + file + "': " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException _ -> "no such file";
      case AccessDeniedException _ -> "permission denied";
      case CharacterCodingException _ -> "not UTF-8 text";
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
