package io.tickcast.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for naming enum constants in configuration and artifact metadata: the constant's
 * name in lower case with {@code _} written {@code -} ({@code CARRY_STATE} → {@code carry-state});
 * parsing ignores case, surrounding blanks, and {@code _} versus {@code -}. Every enum-valued
 * setting (inference engine, roll-forward variant, normalisation, interval scaling, and the
 * stream app's wire formats) is parsed here.
 */
public final class EnumNames {
  private EnumNames() {}

  /** The configuration name of a constant, e.g. {@code carry-state}. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The configuration names of every constant of {@code type}, in declaration order. */
  public static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(EnumNames::of).toList();
  }

  /**
   * The constant named {@code name}, or null if none is.
   *
   * @param name a configuration name, in any case, {@code _} or {@code -}; null gives null
   */
  public static <E extends Enum<E>> E find(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    String wanted = name.trim().replace('_', '-');
    for (E e : type.getEnumConstants()) {
      if (of(e).equalsIgnoreCase(wanted)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The constant named {@code name}.
   *
   * @throws IllegalArgumentException naming the value and the accepted names, e.g. {@code unknown
   *     roll forward 'carry'; expected one of [seed, renormalise, carry-state]}
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String name) {
    E e = find(type, name);
    if (e == null) {
      throw new IllegalArgumentException("unknown " + noun(type) + " '" + name
          + "'; expected one of " + all(type));
    }
    return e;
  }

  /** {@code RollForward} → {@code roll forward}. */
  private static String noun(Class<?> type) {
    return type.getSimpleName().replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
  }
}
