import type { ScrollAreaProps } from '@mantine/core';

/**
 * A wide table scrolls sideways on small screens; its scrolling area can then be reached and
 * scrolled by keyboard, and is announced with the table's name (WCAG 2.1.1).
 */
export function tableScrollProps(label: string): Omit<ScrollAreaProps, 'classNames' | 'styles' | 'onScrollPositionChange'> {
  return { viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } };
}
