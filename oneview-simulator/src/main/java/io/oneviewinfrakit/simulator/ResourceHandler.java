package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the handlers of one resource family share: the appliance's state and helpers, initial
 * scopes of a create, and delete-by-filter. Called under the appliance lock.
 */
abstract class ResourceHandler implements Appliance.RestExtension {
  final Appliance a;

  ResourceHandler(Appliance a) {
    this.a = a;
  }

  /**
   * The {@code initialScopeUris} of a create body (API 300 and later), each an existing scope; a
   * URI that names none is 400, as for any body URI.
   */
  List<String> initialScopes(Map<String, Object> body) {
    return a.initialScopes(body);
  }

  /** Stamps a new document: uri-independent metadata a create gives it. */
  void stamp(Map<String, Object> doc) {
    String now = Ids.timestamp(a.clock().instant());
    doc.put("created", now);
    doc.put("modified", now);
    doc.put("eTag", a.eTags().eTag());
  }
}
