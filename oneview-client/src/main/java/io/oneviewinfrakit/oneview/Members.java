package io.oneviewinfrakit.oneview;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Map;

/**
 * How a listing reads the members of a collection's pages. Models are read straight from the
 * page's JSON text ({@link #read}: one pass, no intermediate tree), which is what makes listing
 * thousands of servers cheap; the tree form ({@link #decode}) is for documents kept whole and for
 * explaining a member that the fast path could not read, with the same message a {@code get} of
 * that member gives.
 *
 * @param <T> the member's type.
 */
interface Members<T> {
  /** Members kept as whole JSON documents (unmodifiable trees), for models that need every field. */
  Members<Map<String, Object>> DOCUMENTS = new Members<>() {
    @Override
    @SuppressWarnings("unchecked") // the reader is at an object
    public Map<String, Object> read(JsonReader reader) throws IOException {
      return (Map<String, Object>) Json.TREE.fromJson(reader);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> decode(Map<String, ?> json) {
      return (Map<String, Object>) json;
    }

    @Override
    public String uri(Map<String, Object> member) {
      return Json.string(member, "uri");
    }
  };

  /**
   * The member whose JSON object {@code reader} is positioned at. Throws anything (such as a
   * {@code JsonDataException}) when the member does not fit; the listing then explains it with
   * {@link #decode}.
   */
  T read(JsonReader reader) throws IOException;

  /**
   * The member {@code json} describes.
   *
   * @throws OneViewException naming the member and what does not fit.
   */
  T decode(Map<String, ?> json);

  /** The member's URI, which identifies it across pages; null if it has none. */
  String uri(T member);
}
