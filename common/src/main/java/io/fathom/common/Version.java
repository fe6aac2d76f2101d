package io.fathom.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Fathom's version, filled in by the build (resource {@code version.properties}). */
public final class Version {
  public static final String STRING = load();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
