package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ByteString;

/**
 * One page of a collection as the appliance answered it, its members read by a {@link Members}.
 *
 * @param start the position of the first member in the collection (what the request asked for).
 * @param uris each member's URI (null where it has none), in the members' order.
 */
record Page<T>(long start, List<T> members, List<String> uris, String uri, String nextPageUri, Long total) {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of("members", "uri", "nextPageUri", "total");

  /**
   * The page in {@code body}, the answer to a request for the page at {@code start} of
   * {@code collectionUri}.
   *
   * @throws OneViewException if the body is not a page, or a member cannot be read (naming it).
   */
  static <T> Page<T> read(long start, ResponseBody body, Members<T> members, String collectionUri) {
    if (body == null) return empty(start); // 204 or 205: no page, nothing in it
    ByteString bytes;
    try (body) {
      bytes = body.source().readByteString();
    } catch (IOException e) {
      throw new OneViewException("Cannot read a page of " + collectionUri + ": " + e.getMessage(), e);
    }
    try {
      return parse(start, bytes, members);
    } catch (OneViewException e) {
      throw e;
    } catch (IOException | RuntimeException unreadable) {
      // Rare: read the page again as a tree, so the error names the member as a get would.
      return fromTree(start, bytes, members, collectionUri);
    }
  }

  private static <T> Page<T> parse(long start, ByteString bytes, Members<T> members) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().write(bytes));
    if (reader.peek() == JsonReader.Token.NULL) return empty(start);
    List<T> list = List.of();
    String uri = null;
    String next = null;
    Long total = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0 -> list = readMembers(reader, members);
        case 1 -> uri = scalar(reader);
        case 2 -> next = scalar(reader);
        case 3 -> total = total(reader);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) throw new IOException("content after the page");
    return of(start, list, members, uri, next, total);
  }

  private static <T> List<T> readMembers(JsonReader reader, Members<T> members) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
      reader.skipValue();
      return List.of();
    }
    List<T> list = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
        list.add(members.read(reader));
      } else {
        reader.skipValue(); // as the tree form does: only objects are members
      }
    }
    reader.endArray();
    return list;
  }

  private static String scalar(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) return reader.nextString();
    if (token == JsonReader.Token.BOOLEAN) return Boolean.toString(reader.nextBoolean());
    reader.skipValue();
    return null;
  }

  /** As {@link Json#longValue}: null when fractional or not a number. */
  private static Long total(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token != JsonReader.Token.STRING && token != JsonReader.Token.NUMBER) {
      reader.skipValue();
      return null;
    }
    String literal = reader.nextString();
    try {
      return token == JsonReader.Token.STRING ? Long.parseLong(literal.trim())
          : new java.math.BigDecimal(literal).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static <T> Page<T> fromTree(long start, ByteString bytes, Members<T> members, String collectionUri) {
    Map<String, Object> json;
    try {
      json = Json.parseObject(bytes.utf8());
    } catch (IllegalArgumentException notAPage) {
      if (bytes.utf8().trim().equals("null")) return empty(start);
      throw new OneViewException("Cannot read a page of " + collectionUri + ": " + notAPage.getMessage(), notAPage);
    }
    List<T> list = new ArrayList<>();
    for (Map<String, Object> member : Json.objects(json, "members")) list.add(members.decode(member));
    return of(start, list, members, Json.string(json, "uri"), Json.string(json, "nextPageUri"),
        Json.longValue(json, "total"));
  }

  static <T> Page<T> empty(long start) {
    return new Page<>(start, List.of(), List.of(), null, null, null);
  }

  private static <T> Page<T> of(long start, List<T> list, Members<T> members, String uri, String next, Long total) {
    List<String> uris = new ArrayList<>(list.size());
    for (T member : list) uris.add(members.uri(member));
    return new Page<>(start, Collections.unmodifiableList(list), Collections.unmodifiableList(uris), uri, next, total);
  }

  long end() {
    return start + members.size();
  }

  /** The URI of the member at absolute position {@code position}, or null if this page does not hold it. */
  String uriAt(long position) {
    long index = position - start;
    if (index < 0 || index >= members.size()) return null;
    return uris.get((int) index);
  }

  /** Whether this page's own answer says nothing follows it. */
  boolean reachesEnd() {
    return total != null && end() >= total;
  }
}
