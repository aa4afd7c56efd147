import { useEffect, useState, type RefObject } from "react";

/**
 * Becomes true once the element comes near the viewport, and stays true: the census has about
 * a hundred questions, and each chart is fetched only when the reader scrolls to it.
 */
export function useInView(ref: RefObject<Element | null>, rootMargin = "300px"): boolean {
  const [isInView, setInView] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (isInView || !element) return;
    if (typeof IntersectionObserver === "undefined") {
      setInView(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setInView(true);
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, rootMargin, isInView]);
  return isInView;
}
