package io.tickcast.core.engine;

import java.util.Optional;

/** Finds the Vector API kernel, if this JVM has the module, without linking against it. */
final class VectorSupport {
  private VectorSupport() {}

  private static final String CLASS = "io.tickcast.core.engine.VectorKernel";
  /** Why the vector kernel is unavailable, or null if it is available. */
  static final String WHY_NOT;
  private static final LstmKernel VECTOR;
  /** The vector kernel if available, else the scalar one. */
  static final LstmKernel BEST;

  static {
    LstmKernel vector = null;
    String why = null;
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      why = "module jdk.incubator.vector not in the boot layer";
    } else {
      try {
        vector = (LstmKernel) Class.forName(CLASS).getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        why = "cannot load " + CLASS + ": " + e;
      }
    }
    VECTOR = vector;
    WHY_NOT = why;
    BEST = vector != null && ((VectorKernelInfo) vector).lanes() > 4 ? vector : ScalarKernel.INSTANCE;
  }

  static Optional<LstmKernel> vector() {
    return Optional.ofNullable(VECTOR);
  }

  /** What the vector kernel tells about itself without exposing Vector API types. */
  interface VectorKernelInfo {
    /** Floats per vector of the preferred species (8 with AVX2, 16 with AVX-512). */
    int lanes();
  }
}
