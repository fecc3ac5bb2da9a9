package io.oneviewinfrakit.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where one appliance's password comes from: an environment variable, a file, or (only in a
 * configuration file that its owner alone may read) the file itself. {@link #toString()} never shows
 * the password.
 */
final class PasswordSource {
  private final String variable;
  private final Path file;
  private final char[] inline;
  private final String where;

  private PasswordSource(String variable, Path file, char[] inline, String where) {
    this.variable = variable;
    this.file = file;
    this.inline = inline;
    this.where = where;
  }

  /** The password is the value of {@code variable}; {@code whenMissing} is the error when it is unset. */
  static PasswordSource variable(String variable, String whenMissing) {
    return new PasswordSource(variable, null, null, whenMissing);
  }

  /** {@code where} names the setting in errors, e.g. {@code --password-file}. */

  static PasswordSource file(Path file, String where) {
    return new PasswordSource(null, file, null, where);
  }

  static PasswordSource inline(char[] password, String where) {
    return new PasswordSource(null, null, password.clone(), where);
  }

  /**
   * The password, in a fresh array the caller clears; throws {@link IllegalArgumentException} whose
   * message names the variable or file that lacks it.
   */
  char[] read(Function<String, String> environment) {
    if (inline != null) {
      return inline.clone();
    }
    if (file != null) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new IllegalArgumentException(where + " " + file + ": "
            + (Files.exists(file) ? "not a readable file" : "no such file"));
      }
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(where + " " + file + ": " + e.getMessage(), e);
      }
      if (text.isEmpty()) {
        throw new IllegalArgumentException("password file " + file + " is empty (" + where + ")");
      }
      return text.toCharArray();
    }
    String value = environment.apply(variable);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(where);
    }
    return value.toCharArray();
  }

  @Override
  public String toString() {
    return inline != null ? "password inline (" + where + ")"
        : file != null ? "password file " + file : "password from $" + variable;
  }
}
