package dev.eventsource.contracttests;

/** A request the service cannot act on; answered with HTTP 400 and this message. */
final class BadRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message);
  }
}
