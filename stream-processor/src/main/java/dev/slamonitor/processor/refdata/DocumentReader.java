package dev.slamonitor.processor.refdata;

import dev.slamonitor.processor.kernel.Result;

/**
 * Reads one kind of reference document from untrusted bytes, whole or not at all: a complete typed
 * document, or a refusal naming every problem. Pure and thread-safe; never throws for bad input.
 */
@FunctionalInterface
public interface DocumentReader<T> {

    Result<T> read(byte[] bytes);
}
