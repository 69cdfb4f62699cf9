//! The wasm's memory allocator: blocks of power-of-two sizes, each size with its own free list, carved
//! from memory the module grows. dlmalloc, Rust's default here, is some 8 KB of the wasm; this is a
//! few hundred bytes. The price is memory: a block may be up to twice what was asked, and freed blocks
//! are kept for their size only (never merged or returned). The extension's allocations are small and
//! repeat (one page's snapshot, plan and checklist at a time), so the heap settles at a small size.
//!
//! The wasm runs on one thread (no atomics), which is what makes the unsynchronised state sound.

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32::{memory_grow, memory_size};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

const PAGE: usize = 65_536;
/// The smallest block: 8 bytes, room for the free list's link.
const SMALLEST: u32 = 3;
const CLASSES: usize = usize::BITS as usize;

struct Heap {
    /// The first free block of each size (2^class bytes), 0 when none; a free block holds the next one's address.
    free: [usize; CLASSES],
    /// Memory not yet handed out: `next..end`.
    next: usize,
    end: usize,
}

struct Blocks(UnsafeCell<Heap>);

// SAFETY: the wasm is single-threaded (see the module comment).
unsafe impl Sync for Blocks {}

#[global_allocator]
static BLOCKS: Blocks = Blocks(UnsafeCell::new(Heap { free: [0; CLASSES], next: 0, end: 0 }));

/// The size class of a layout: the power of two that holds its size and its alignment.
fn class(layout: Layout) -> u32 {
    layout.size().max(layout.align()).next_power_of_two().trailing_zeros().max(SMALLEST)
}

impl Heap {
    /// A new block of 2^class bytes, aligned to its size (to a page for larger ones): hence to any
    /// alignment up to its size, which every layout of its class has.
    fn carve(&mut self, class: u32) -> *mut u8 {
        let size = 1usize << class;
        let align = size.min(PAGE);
        if self.end == 0 {
            // Below the memory's current size lie the static data and the stack.
            self.next = memory_size(0) * PAGE;
            self.end = self.next;
        }
        let start = (self.next + align - 1) & !(align - 1);
        if start.checked_add(size).is_none_or(|end| end > self.end) {
            // Enough pages for the block wherever the new memory starts.
            let Some(pages) = size.checked_add(align).map(|bytes| bytes.div_ceil(PAGE)) else { return null_mut() };
            let old = memory_grow(0, pages);
            if old == usize::MAX {
                return null_mut();
            }
            if old * PAGE != self.end {
                self.next = old * PAGE;
            }
            self.end = (old + pages) * PAGE;
            return self.carve(class);
        }
        self.next = start + size;
        start as *mut u8
    }
}

unsafe impl GlobalAlloc for Blocks {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded, and no allocation happens while the heap is borrowed.
        let heap = unsafe { &mut *self.0.get() };
        let class = class(layout);
        let Some(&head) = heap.free.get(class as usize) else { return null_mut() };
        if head == 0 {
            return heap.carve(class);
        }
        // SAFETY: a free block holds the address of the next free block of its size.
        heap.free[class as usize] = unsafe { *(head as *const usize) };
        head as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as in `alloc`; the block is at least 8 bytes and aligned to them.
        let heap = unsafe { &mut *self.0.get() };
        let class = class(layout) as usize;
        unsafe { *(ptr as *mut usize) = heap.free[class] };
        heap.free[class] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees a valid layout for the new size.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new) == class(layout) {
            return ptr;
        }
        let moved = unsafe { self.alloc(new) };
        if !moved.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        moved
    }
}
