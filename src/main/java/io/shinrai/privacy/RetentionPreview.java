package io.shinrai.privacy;

/**
 * What retention settings would do if applied now.
 *
 * @param texts comments and incident explanations that would be emptied
 * @param notes recovery notes that would be emptied
 * @param customers customers that would be erased
 */
public record RetentionPreview(long texts, long notes, long customers) {
}
