package io.oneviewinfrakit.simulator;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recorded headers of one request: an immutable map over one array of the names and values as
 * received. Every request is recorded, so recording must cost next to nothing (one array, no
 * strings copied); lower-casing and joining repeated names happen only when a test looks.
 */
final class HeaderMap extends AbstractMap<String, String> {
  private final String[] namesAndValues;
  private volatile Map<String, String> view;

  HeaderMap(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  @Override
  public String get(Object name) {
    if (!(name instanceof String wanted)) {
      return null;
    }
    String found = null;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i].equalsIgnoreCase(wanted)) {
        found = found == null ? namesAndValues[i + 1] : found + ", " + namesAndValues[i + 1];
      }
    }
    return found;
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    Map<String, String> v = view;
    if (v == null) {
      Map<String, String> built = new LinkedHashMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        built.merge(namesAndValues[i].toLowerCase(Locale.ROOT), namesAndValues[i + 1],
            (a, b) -> a + ", " + b);
      }
      v = java.util.Collections.unmodifiableMap(built);
      view = v;
    }
    return v.entrySet();
  }

  static HeaderMap copyOf(Map<String, String> headers) {
    String[] array = new String[headers.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      array[i++] = e.getKey();
      array[i++] = e.getValue();
    }
    return new HeaderMap(array);
  }
}
