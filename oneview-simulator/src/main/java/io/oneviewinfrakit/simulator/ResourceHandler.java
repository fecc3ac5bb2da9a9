package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The outcome of a create whose {@code name} is held in {@code pendingNames} while its task runs:
   * once the task completes the document is stamped, stored and put in its initial {@code scopes};
   * either way the name stops being pending.
   */
  Tasks.Outcome creation(Set<String> pendingNames, String name, Map<String, Object> doc, Store store,
      List<String> scopes) {
    return new Tasks.Outcome() {
      @Override
      public void completed() {
        pendingNames.remove(name);
        stamp(doc);
        store.put(doc);
        scopes.forEach(s -> a.scopes.add((String) doc.get("uri"), s));
      }

      @Override
      public void failed() {
        pendingNames.remove(name);
      }
    };
  }

  /** Stamps a new document: uri-independent metadata a create gives it. */
  void stamp(Map<String, Object> doc) {
    String now = Ids.timestamp(a.clock().instant());
    doc.put("created", now);
    doc.put("modified", now);
    doc.put("eTag", a.eTags().eTag());
  }
}
