package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link ServerHardwareTypeClient} over the REST API. Thread-safe. */
final class RealServerHardwareTypeClient implements ServerHardwareTypeClient {
  static final String COLLECTION = "/rest/server-hardware-types";

  private final ResourceReader<ServerHardwareType> reader;

  RealServerHardwareTypeClient(OneViewApi api, Pager pager) {
    this.reader = new ResourceReader<>(api, pager, COLLECTION, ServerHardwareType::fromJson, ServerHardwareType::name);
  }

  @Override
  public List<ServerHardwareType> list() {
    return reader.list(Query.all());
  }

  @Override
  public List<ServerHardwareType> list(Query query) {
    return reader.list(query);
  }

  @Override
  public Stream<ServerHardwareType> stream(Query query) {
    return reader.stream(query);
  }

  @Override
  public ServerHardwareType get(String uri) {
    return reader.get(uri);
  }

  @Override
  public Optional<ServerHardwareType> findByName(String name) {
    return reader.findByName(name);
  }
}
