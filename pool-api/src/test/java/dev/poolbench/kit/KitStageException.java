package dev.poolbench.kit;

/** The checked exception the kit's stages throw when told to fail an item. */
public final class KitStageException extends Exception {
    public KitStageException(String message) {
        super(message);
    }
}
