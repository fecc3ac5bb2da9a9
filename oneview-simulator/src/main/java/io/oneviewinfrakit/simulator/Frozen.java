package io.oneviewinfrakit.simulator;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * JSON objects and arrays that can never change, known as such by their type. An answer whose tree
 * holds only frozen values and copies of its own ({@link ApiResponse#snapshot}) is written as text
 * after the appliance's lock is let go, while later requests change the documents it was copied
 * from: a change can only put a new value, never reach into a frozen one. Stores of documents whose
 * nested values the simulator never changes in place (server hardware, hardware types, enclosure
 * groups) keep them frozen, so such a copy costs one map per document.
 */
final class Frozen {
  private Frozen() {}

  /** {@code value} as a tree that cannot change: itself when it already cannot, else a deep copy. */
  @SuppressWarnings("unchecked")
  static <T> T of(T value) {
    if (is(value)) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
      map.forEach((k, v) -> out.put((String) k, of(v)));
      return (T) new FrozenObject(out);
    }
    List<?> list = (List<?>) value; // all is() leaves besides maps
    Object[] out = new Object[list.size()];
    int i = 0;
    for (Object v : list) {
      out[i++] = of(v);
    }
    return (T) new FrozenArray(out);
  }

  /**
   * {@code owned} with its values frozen in place; for a map no one else holds (a rendered copy of
   * a document) or one whose values are meant to be replaced, never changed (a stored document).
   */
  static Map<String, Object> values(Map<String, Object> owned) {
    owned.replaceAll((k, v) -> of(v));
    return owned;
  }

  private static final class FrozenObject extends AbstractMap<String, Object> {
    private final Map<String, Object> entries;

    FrozenObject(LinkedHashMap<String, Object> entries) {
      this.entries = Collections.unmodifiableMap(entries);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return entries.entrySet();
    }

    @Override
    public Object get(Object key) {
      return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entries.containsKey(key);
    }

    @Override
    public int size() {
      return entries.size();
    }
  }

  private static final class FrozenArray extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;

    FrozenArray(Object[] items) {
      this.items = items;
    }

    @Override
    public Object get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }

  /** Whether {@code value} is a tree that cannot change: a scalar, or frozen throughout. */
  static boolean is(Object value) {
    return !(value instanceof Map || value instanceof List)
        || value instanceof FrozenObject || value instanceof FrozenArray;
  }
}
