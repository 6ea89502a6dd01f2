//! The words of an export in Chinese, as the app's Chinese locale has them: the export
//! tests read them back.

use liandong_core::model::{LeaveKind, Shift, ShiftKind};
use liandong_core::roster::export::ExportWords;
use liandong_core::roster::export::csv::Column;

/// Chinese.
pub struct Zh;

impl ExportWords for Zh {
    fn shift(&self, shift: &Shift) -> String {
        let name = self.kind(shift.kind);
        match (shift.kind, shift.leave) {
            (ShiftKind::Leave, Some(leave)) => format!("{name}（{}）", self.leave(leave)),
            _ if shift.leader => format!("{name}（带班）"),
            _ => name,
        }
    }

    fn kind(&self, kind: ShiftKind) -> String {
        match kind {
            ShiftKind::Day => "日班",
            ShiftKind::Night => "夜班",
            ShiftKind::Duty24 => "值班",
            ShiftKind::Standby => "备勤",
            ShiftKind::Residency => "驻警",
            ShiftKind::Leave => "请假",
            ShiftKind::Training => "培训",
            ShiftKind::JointPatrol => "联巡",
        }
        .into()
    }

    fn leave(&self, leave: LeaveKind) -> String {
        match leave {
            LeaveKind::Annual => "年休假",
            LeaveKind::Sick => "病假",
            LeaveKind::Personal => "事假",
            LeaveKind::Compensatory => "调休",
        }
        .into()
    }

    fn yes_no(&self, yes: bool) -> String {
        if yes { "是" } else { "否" }.into()
    }

    fn column(&self, column: Column) -> String {
        match column {
            Column::Id => "班次编号",
            Column::Officer => "民警",
            Column::Badge => "警号",
            Column::Shift => "班次",
            Column::KindCode => "类型代码",
            Column::Start => "开始",
            Column::End => "结束",
            Column::Hours => "时长（小时）",
            Column::Leader => "带班",
            Column::Leave => "假别",
            Column::Note => "备注",
        }
        .into()
    }

    fn shift_of(&self, shift: &str, officer: &str) -> String {
        format!("{shift}：{officer}")
    }

    fn officer(&self, name: &str, badge: &str) -> String {
        format!("民警：{name}（{badge}）")
    }

    fn note(&self, note: &str) -> String {
        format!("备注：{note}")
    }
}
