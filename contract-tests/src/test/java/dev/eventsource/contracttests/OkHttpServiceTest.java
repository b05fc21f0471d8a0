package dev.eventsource.contracttests;

import org.junit.jupiter.api.Nested;

/** The service's contract over the OkHttp transport. */
class OkHttpServiceTest {
  @Nested
  class Protocol extends ServiceProtocolContract {
    @Override
    TransportKind transport() {
      return TransportKind.OKHTTP;
    }
  }

  @Nested
  class Requests extends StreamRequestContract {
    @Override
    TransportKind transport() {
      return TransportKind.OKHTTP;
    }
  }

  @Nested
  class Callbacks extends StreamCallbacksContract {
    @Override
    TransportKind transport() {
      return TransportKind.OKHTTP;
    }
  }
}
