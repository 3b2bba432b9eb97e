package io.tickcast.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Figures of this process and machine from {@code /proc}, for the benchmarks' reports. */
final class ProcessStats {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private ProcessStats() {}

  /**
   * A size line of {@code /proc/self/status} (given in {@code kB}) in bytes.
   *
   * @param field the field name without the colon, e.g. {@code VmRSS} or {@code VmHWM}
   * @return bytes, or -1 where {@code /proc} or the field is absent or unreadable
   */
  static long procStatusBytes(String field) {
    String prefix = field + ":";
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(prefix)) {
          return Long.parseLong(line.substring(prefix.length()).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc (not Linux) or an unexpected format: unknown
    }
    return -1;
  }

  /** The one-minute load average (from {@code /proc/loadavg} via the JVM), NaN if unknown. */
  static double loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? Double.NaN : load;
  }

  /** The 1, 5 and 15 minute load averages of {@code /proc/loadavg} as "a / b / c", or "n/a". */
  static String loadAverages() {
    try {
      List<String> f = List.of(Files.readString(LOADAVG).trim().split("\\s+"));
      return f.get(0) + " / " + f.get(1) + " / " + f.get(2);
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
