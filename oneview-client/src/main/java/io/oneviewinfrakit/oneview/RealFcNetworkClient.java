package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link FcNetworkClient} over the REST API. Thread-safe. */
final class RealFcNetworkClient implements FcNetworkClient {
  static final String COLLECTION = "/rest/fc-networks";

  private final ResourceReader<FcNetwork> reader;

  RealFcNetworkClient(OneViewApi api, Pager pager) {
    this.reader = new ResourceReader<>(api, pager, COLLECTION, FcNetwork::fromJson, FcNetwork::name);
  }

  @Override
  public List<FcNetwork> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<FcNetwork> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<FcNetwork> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public FcNetwork get(String uri) {
    return reader.get(uri);
  }

  @Override
  public Optional<FcNetwork> findByName(String name) {
    return reader.findByName(name);
  }
}
